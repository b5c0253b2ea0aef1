// pulumi-resource-kubernetes embeds schema-embed.json and terraform-mapping-embed.json, which upstream's Makefile
// generates from schema.json and terraform-mapping.json (both in the module zip) and which the zip lacks.
// We do what upstream's generate.go does: set the schema's version and write both files compacted, next to a
// copy of our wrapper module (go:embed only reads files inside the module being built).
import fs from 'node:fs';
import path from 'node:path';

/** Copies the wrapper module `srcDir` into `stageDir` and writes the embedded files from `upstreamCmdDir`. */
export function stageProviderModule(srcDir: string, stageDir: string, upstreamCmdDir: string, version: string): void {
  fs.rmSync(stageDir, { recursive: true, force: true });
  fs.mkdirSync(stageDir, { recursive: true });
  for (const f of fs.readdirSync(srcDir)) {
    if (f === 'go.mod' || f === 'go.sum' || f.endsWith('.go')) fs.copyFileSync(path.join(srcDir, f), path.join(stageDir, f));
  }
  const schema = JSON.parse(fs.readFileSync(path.join(upstreamCmdDir, 'schema.json'), 'utf8')) as Record<string, unknown>;
  schema.version = version;
  fs.writeFileSync(path.join(stageDir, 'schema-embed.json'), JSON.stringify(schema));
  const mapping: unknown = JSON.parse(fs.readFileSync(path.join(upstreamCmdDir, 'terraform-mapping.json'), 'utf8'));
  fs.writeFileSync(path.join(stageDir, 'terraform-mapping-embed.json'), JSON.stringify(mapping));
}
