// Zip-based files (docx, xlsx, OFD, zip…) are opened here before anything else reads them: the bytes they inflate
// to are counted as they stream out (the sizes the archive declares are not trusted), and an archive that would
// inflate past the limits, at too high a ratio, with too many entries or with archives nested too deep is refused
// (422 ARCHIVE_TOO_LARGE / ARCHIVE_SUSPICIOUS, README "Hardening"). Nothing is written anywhere: the counting reads
// and drops each chunk.
import yauzl from 'yauzl';
import { DEFAULT_HARDENING, type ArchiveLimits } from '../config.js';
import { InvalidInputError } from '../errors.js';

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ARCHIVE = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
/** below this many inflated bytes the ratio is not judged: small files of repeated XML compress very well */
const RATIO_FLOOR_BYTES = 1024 * 1024;

export const isZipArchive = (content: Buffer) => content.subarray(0, 4).equals(LOCAL_HEADER) || content.subarray(0, 4).equals(EMPTY_ARCHIVE);

export interface ArchiveSummary {
  entries: number;
  inflatedBytes: number;
  nested: number;
}

/** Why an archive was refused, as the API says it: the field at fault and the limit that was passed. */
function refuse(field: string, code: 'ARCHIVE_TOO_LARGE' | 'ARCHIVE_SUSPICIOUS', reason: string, params: Record<string, string | number> = {}): InvalidInputError {
  return new InvalidInputError([{ path: field, code: `archive.${reason}`, params }], code, 422, { reason, ...params });
}

interface Tally {
  entries: number;
  inflated: number;
  nested: number;
  keep: (fileName: string) => boolean;
  kept: Map<string, Buffer>;
}

/**
 * Opens `content` as a zip archive and counts what it inflates to (nested archives included, up to
 * `limits.maxDepth` levels). Resolves with the totals, or rejects with a 422 InvalidInputError naming `field`.
 * Content that is not a zip archive resolves with zeros.
 */
export async function inspectArchive(content: Buffer, limits: ArchiveLimits = DEFAULT_HARDENING.archive, field = 'file'): Promise<ArchiveSummary> {
  return (await inspectAndKeep(content, () => false, limits, field)).summary;
}

/**
 * inspectArchive, keeping what the top-level entries named by `keep` inflate to (an XLSX reader: its sheets), so
 * that a caller reading them does not inflate them a second time. Kept bytes are bounded by the same limits.
 */
export async function inspectAndKeep(
  content: Buffer,
  keep: (fileName: string) => boolean,
  limits: ArchiveLimits = DEFAULT_HARDENING.archive,
  field = 'file',
): Promise<{ summary: ArchiveSummary; kept: Map<string, Buffer> }> {
  const tally: Tally = { entries: 0, inflated: 0, nested: 0, keep, kept: new Map() };
  if (isZipArchive(content)) await walk(content, 0, limits, tally, field, content.length);
  return { summary: { entries: tally.entries, inflatedBytes: tally.inflated, nested: tally.nested }, kept: tally.kept };
}

function checkRatio(tally: Tally, limits: ArchiveLimits, field: string, outerSize: number): InvalidInputError | null {
  if (tally.inflated > limits.maxUncompressedBytes) {
    return refuse(field, 'ARCHIVE_TOO_LARGE', 'too_large', { maxMiB: Math.round(limits.maxUncompressedBytes / 1024 / 1024) });
  }
  if (tally.inflated > RATIO_FLOOR_BYTES && tally.inflated / Math.max(outerSize, 1) > limits.maxRatio) {
    return refuse(field, 'ARCHIVE_SUSPICIOUS', 'ratio', { maxRatio: limits.maxRatio });
  }
  return null;
}

function walk(content: Buffer, depth: number, limits: ArchiveLimits, tally: Tally, field: string, outerSize: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    yauzl.fromBuffer(content, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (openErr, zip) => {
      // not readable as a zip at all (damaged, cut short): callers that read the file themselves may say so their way
      if (openErr || !zip) return reject(refuse(field, 'ARCHIVE_SUSPICIOUS', 'unreadable'));
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(err instanceof InvalidInputError ? err : refuse(field, 'ARCHIVE_SUSPICIOUS', 'malformed'));
      };
      zip.on('error', fail);
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve();
      });
      zip.on('entry', (entry: yauzl.Entry) => {
        tally.entries += 1;
        if (tally.entries > limits.maxEntries) return fail(refuse(field, 'ARCHIVE_SUSPICIOUS', 'too_many_entries', { maxEntries: limits.maxEntries }));
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return fail(streamErr);
          // the first bytes tell a nested archive; it is kept (bounded by the limits) to be opened in turn
          const head: Buffer[] = [];
          let headBytes = 0;
          let nested: boolean | null = null;
          const kept: Buffer[] | null = depth === 0 && tally.keep(entry.fileName) ? [] : null;
          stream.on('data', (chunk: Buffer) => {
            tally.inflated += chunk.length;
            const over = checkRatio(tally, limits, field, outerSize);
            if (over) {
              stream.destroy();
              return fail(over);
            }
            kept?.push(chunk);
            if (nested === null && headBytes + chunk.length >= 4) nested = isZipArchive(Buffer.concat([...head, chunk]).subarray(0, 4));
            if (nested !== false) {
              head.push(chunk);
              headBytes += chunk.length;
            }
          });
          stream.on('error', fail);
          stream.on('end', () => {
            if (settled) return;
            if (kept) tally.kept.set(entry.fileName, Buffer.concat(kept));
            if (!nested) return zip.readEntry();
            tally.nested += 1;
            if (depth + 1 > limits.maxDepth) return fail(refuse(field, 'ARCHIVE_SUSPICIOUS', 'nested', { maxDepth: limits.maxDepth }));
            walk(Buffer.concat(head), depth + 1, limits, tally, field, outerSize).then(() => zip.readEntry(), fail);
          });
        });
      });
      zip.readEntry();
    });
  });
}
