// The committed client types are what the routes describe today: a route or schema changed without
// `npm run api:client` fails here.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientSchema, openApiDocument, SCHEMA_PATH } from './api-client.js';

describe('the generated API client', () => {
  it('web/src/api/schema.d.ts is up to date with the OpenAPI document', async () => {
    const fresh = await clientSchema();
    const committed = fs.readFileSync(SCHEMA_PATH, 'utf8');
    // the assertion's message names the fix; the diff of the two texts follows it
    expect(committed, 'web/src/api/schema.d.ts is stale: run `npm run api:client` and commit the result').toBe(fresh);
  });

  it('documents every response body completely: no open objects where the shape is known', () => {
    const document = openApiDocument();
    const open: string[] = [];
    // an object schema without properties (or with a catch-all) is open; the few that are open on purpose are named
    // a message code's parameters (job log lines, drift items) are open: which ones there are depends on the code
    const OPEN_ON_PURPOSE = new Set(['JobEvent.params', 'DriftItem.params', 'AuditEvent.detail', 'MigrationHistoryEntry.detail', 'SecurityRecord.data', 'JobEvent.data', 'JobResult.summary', 'KubernetesObject', 'KubernetesObject.metadata.labels', 'KubernetesObject.metadata.annotations']);
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const s = node as Record<string, unknown>;
      if (typeof s.$ref === 'string') return;
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (types.includes('object') && (s.properties === undefined || s.additionalProperties === true || typeof s.additionalProperties === 'object')) {
        if (!OPEN_ON_PURPOSE.has(where)) open.push(where);
      }
      if (s.properties) for (const [k, v] of Object.entries(s.properties)) walk(v, `${where}.${k}`);
      if (s.items) walk(s.items, where);
      for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((v) => walk(v, where));
    };
    for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) walk(schema, name);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>)) {
        for (const [status, response] of Object.entries(op.responses ?? {})) {
          for (const media of Object.values(response.content ?? {})) walk(media.schema, `${method.toUpperCase()} ${path} ${status}`);
        }
      }
    }
    expect(open).toEqual([]);
  });

  it('names no component that is itself nullable (a named schema made .nullable() turns null everywhere)', () => {
    const nullable = Object.entries(openApiDocument().components?.schemas ?? {})
      .filter(([, schema]) => {
        const s = schema as { type?: unknown; enum?: unknown[] };
        return (Array.isArray(s.type) && s.type.includes('null')) || (Array.isArray(s.enum) && s.enum.includes(null));
      })
      .map(([name]) => name);
    expect(nullable, 'use nullableRef() from core/zod-openapi.ts').toEqual([]);
  });
});
