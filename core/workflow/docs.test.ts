// docs/architecture.md draws the machines the code runs: regenerated here, it must be what is committed.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ARCHITECTURE_DOC, withMachines } from './docs.js';

describe('docs/architecture.md', () => {
  it('shows the state machines as the tables declare them (npm run docs:machines rewrites it)', () => {
    const doc = fs.readFileSync(ARCHITECTURE_DOC, 'utf8');
    expect(withMachines(doc), 'the state diagrams are stale: run npm run docs:machines').toBe(doc);
    expect(doc).toContain('stateDiagram-v2');
  });
});
