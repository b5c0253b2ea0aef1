// The results table printed by `npm run bench`, and the JSON written beside it.
import fs from 'node:fs';
import os from 'node:os';
import { OTHER_CPU_WARNING, type Row, type Settings, type Target } from './harness.js';

function fmtNum(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function fmtTarget(t: Target | undefined): string {
  if (!t) return '—';
  const parts: string[] = [];
  if (t.minRatio !== undefined) parts.push(`≥${Math.round(t.minRatio * 100)}%`);
  if (t.minReqPerSec !== undefined) parts.push(`≥${t.minReqPerSec}/s`);
  if (t.maxP99Ms !== undefined) parts.push(`p99≤${t.maxP99Ms}ms`);
  return parts.join(', ');
}

function fmtPass(p: boolean | null): string {
  return p === null ? '—' : p ? 'PASS' : 'FAIL';
}

/** display width: CJK and other wide characters take two columns */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, n: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, n - width(s)));
  return right ? fill + s : s + fill;
}

export function formatTable(rows: Row[]): string {
  const header = ['benchmark', 'conn', 'req/s', 'p50 ms', 'p99 ms', 'vs bare', 'target', 'result', 'server CPU', 'CPU µs/req', 'vs bare by CPU', 'loader CPU', 'other CPU', 'req/s per slice'];
  const rightAligned = [false, true, true, true, true, true, false, false, true, true, true, true, true, false];
  const body = rows.map((r) => [
    r.name,
    String(r.connections),
    fmtNum(r.reqPerSec),
    fmtNum(r.p50, 1),
    fmtNum(r.p99, 1),
    r.ratio === undefined ? '—' : `${(r.ratio * 100).toFixed(0)}%`,
    fmtTarget(r.target),
    fmtPass(r.pass) + (r.pass !== null && r.otherCpu !== null && r.otherCpu > OTHER_CPU_WARNING ? '?' : ''),
    r.serverCpu === null ? '—' : `${r.serverCpu.toFixed(0)}%`,
    r.serverCpuUsPerReq === null ? '—' : fmtNum(r.serverCpuUsPerReq),
    r.cpuRatio === undefined ? '—' : `${(r.cpuRatio * 100).toFixed(0)}%`,
    `${r.loaderCpu.toFixed(0)}%`,
    r.otherCpu === null ? '—' : `${r.otherCpu.toFixed(0)}%`,
    r.sliceReqPerSec && r.sliceReqPerSec.length > 1 ? r.sliceReqPerSec.map((n) => fmtNum(n)).join(' ') : '',
  ]);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((cells) => width(cells[i]!))));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => pad(c, widths[i]!, rightAligned[i]!)).join(' | ') + ' |';
  const rule = '|' + widths.map((w, i) => (rightAligned[i] ? '-'.repeat(w + 1) + ':' : ':' + '-'.repeat(w + 1))).join('|') + '|';
  const out = [line(header), rule, ...body.map(line)];
  const notes = rows.flatMap((r) => r.notes.map((n) => `  - ${r.name}: ${n}`));
  if (notes.length) out.push('', 'notes:', ...notes);
  if (rows.some((r) => r.otherCpu !== null && r.otherCpu > OTHER_CPU_WARNING)) {
    out.push('', `'?': other processes used more than ${OTHER_CPU_WARNING}% of a core during that row, so its verdict is doubtful.`);
  }
  return out.join('\n');
}

export function writeJson(file: string, data: { settings: Settings; rows: Row[]; failures: string[]; memory?: unknown[] }): void {
  const doc = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` },
    ...data,
  };
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}
