// Counts what a sweep sent and what came back, by class of caller, and prints the figures (console.log, so that they
// appear in CI output and the closing note of a review can quote them).

export interface Tried {
  /** who sent it or what kind of request it was (a row of the table) */
  cls: string;
  /** the route, `METHOD /path` */
  route: string;
  status: number;
  /** the answer's `code`, when it has one */
  code?: string;
}

export class Tally {
  readonly tried: Tried[] = [];

  /** `buckets`: the columns of the table; a status not named in them falls in '2xx', 'other 4xx' or '≥500' */
  constructor(
    readonly title: string,
    readonly buckets: string[] = ['2xx', '401', '403', '404', 'other 4xx', '≥500'],
  ) {}

  add(t: Tried) {
    this.tried.push(t);
  }

  where(pred: (t: Tried) => boolean): Tried[] {
    return this.tried.filter(pred);
  }

  /** The column a status falls in (0, no answer at all, counts with the failures). */
  bucket(status: number): string {
    if (status >= 500 || status === 0) return '≥500';
    if (status >= 200 && status < 300) return '2xx';
    if (this.buckets.includes(String(status))) return String(status);
    return 'other 4xx';
  }

  /** A table: one row per class, the number of requests and of each outcome. */
  table(): string {
    const buckets = this.buckets;
    const classes = [...new Set(this.tried.map((t) => t.cls))];
    const rows = classes.map((cls) => {
      const mine = this.tried.filter((t) => t.cls === cls);
      return [cls, String(mine.length), ...buckets.map((b) => String(mine.filter((t) => this.bucket(t.status) === b).length))];
    });
    const all = ['total', String(this.tried.length), ...buckets.map((b) => String(this.tried.filter((t) => this.bucket(t.status) === b).length))];
    const header = ['class', 'requests', ...buckets];
    const widths = header.map((h, i) => Math.max(h.length, ...[...rows, all].map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
    const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
    return [`${this.title}`, line(header), rule, ...rows.map(line), line(all)].join('\n');
  }

  print(extra = '') {
    console.log(`\n${this.table()}${extra ? `\n${extra}` : ''}\n`);
  }
}
