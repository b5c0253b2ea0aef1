// State diagrams drawn from the machines' tables (mermaid stateDiagram-v2), for docs/architecture.md.
import type { ActionEntry, MachineTable } from './machine.js';

/** One machine as a mermaid state diagram: an arrow per action and state it leads from and to; appends loop. */
export function stateDiagram<S extends string, A extends string>(table: MachineTable<S, A>): string {
  const lines = ['stateDiagram-v2'];
  for (const s of table.states) lines.push(`  ${s}: ${s} ${table.stateLabels[s]['zh-CN']}`);
  for (const [action, entry] of Object.entries<ActionEntry<S>>(table.actions)) {
    const label = `${action} (${entry.article})`;
    for (const from of entry.from) {
      if (entry.deletes) lines.push(`  ${from} --> [*]: ${label}`);
      else if (!entry.to.length) lines.push(`  ${from} --> ${from}: ${label}`);
      else for (const to of entry.to) lines.push(`  ${from} --> ${to}: ${label}`);
    }
  }
  return lines.join('\n');
}

/** The generated section of docs/architecture.md: every machine, its diagram and its action table. */
export function machinesSection(tables: MachineTable<string, string>[]): string {
  const out: string[] = [];
  for (const table of tables) {
    out.push(`### ${table.subject}`, '', '```mermaid', stateDiagram(table), '```', '');
    out.push('| action | from | to | ability | article | 中文 |', '|---|---|---|---|---|---|');
    for (const [action, e] of Object.entries<ActionEntry<string>>(table.actions)) {
      const to = e.deletes ? '(deleted)' : e.to.length ? e.to.join(', ') : '(unchanged)';
      out.push(`| \`${action}\` | ${e.from.join(', ')} | ${to} | \`${e.ability}\` | ${e.article} | ${e.label['zh-CN']} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
