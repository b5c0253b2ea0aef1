// A small Dockerfile reader for the image test: stages, their instructions, COPY sources and destinations.
// Enough of the format for our own Dockerfile (comments, line continuations, ARG before FROM, exec and shell
// forms); not a general implementation.

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
  /** COPY/ADD only */
  from?: string;
  sources: string[];
  dest: string;
}

export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults */
  args: Record<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const logical: { text: string; line: number }[] = [];
  let current = '';
  let startLine = 0;
  text.split('\n').forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!current && (trimmed === '' || trimmed.startsWith('#'))) return;
    if (current && trimmed.startsWith('#')) return; // comment inside a continued instruction
    if (!current) startLine = i + 1;
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1).trim()} `;
      return;
    }
    current += trimmed;
    logical.push({ text: current.trim(), line: startLine });
    current = '';
  });
  if (current) logical.push({ text: current.trim(), line: startLine });

  const out: Dockerfile = { args: {}, stages: [] };
  for (const { text: l, line } of logical) {
    const m = /^(\w+)\s*(.*)$/s.exec(l);
    if (!m) throw new Error(`line ${line}: cannot read "${l}"`);
    const keyword = m[1]!.toUpperCase();
    const args = m[2]!.trim();
    if (keyword === 'FROM') {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!f) throw new Error(`line ${line}: FROM ${args}`);
      out.stages.push({ from: f[1]!, name: f[2] ?? String(out.stages.length), instructions: [] });
      continue;
    }
    const stage = out.stages.at(-1);
    if (!stage) {
      if (keyword !== 'ARG') throw new Error(`line ${line}: ${keyword} before FROM`);
      const [name, value] = args.split('=');
      out.args[name!] = value ?? '';
      continue;
    }
    const ins: Instruction = { keyword, args, line, sources: [], dest: '' };
    if (keyword === 'COPY' || keyword === 'ADD') {
      let rest = args;
      for (;;) {
        const flag = /^--([a-z-]+)(?:=(\S+))?\s+/.exec(rest);
        if (!flag) break;
        if (flag[1] === 'from') ins.from = flag[2];
        rest = rest.slice(flag[0].length);
      }
      const parts = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
      if (parts.length < 2) throw new Error(`line ${line}: ${keyword} needs a source and a destination`);
      ins.dest = parts.at(-1)!;
      ins.sources = parts.slice(0, -1);
    }
    stage.instructions.push(ins);
  }
  return out;
}
