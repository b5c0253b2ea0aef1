// Zip archives written by hand for the archive inspection's tests (core/files/archive-inspection.ts): real deflated
// entries, so a few MiB of zeros become a few KiB; the header's sizes can be made to lie.
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  content: Buffer;
  /** what the headers claim the entry inflates to (default: the truth) */
  claimedSize?: number;
}

/** A zip archive of `entries`, each deflated. */
export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = zlib.deflateRawSync(e.content, { level: 9 });
    const crc = zlib.crc32(e.content);
    const size = e.claimedSize ?? e.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** The parts that make a zip look like a .docx to content sniffing (file-type looks for them). */
const DOCX_PARTS: ZipEntry[] = [
  { name: '[Content_Types].xml', content: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
  { name: 'word/document.xml', content: Buffer.from('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>') },
];

/** A .docx whose extra part is `mib` MiB of zeros (deflated to a few KiB). */
export const docxBomb = (mib: number, claimedSize?: number): Buffer =>
  zip([...DOCX_PARTS, { name: 'word/media/zeros.bin', content: Buffer.alloc(mib * 1024 * 1024), ...(claimedSize !== undefined ? { claimedSize } : {}) }]);

/** A .docx holding a zip that holds a zip… `depth` levels, the innermost one a little text. */
export function docxNested(depth: number): Buffer {
  let inner = zip([{ name: 'note.txt', content: Buffer.from('hello') }]);
  for (let i = 1; i < depth; i++) inner = zip([{ name: `level${i}.zip`, content: inner }]);
  return zip([...DOCX_PARTS, { name: 'word/embeddings/archive.zip', content: inner }]);
}

/** A plain, small .docx. */
export const docx = (): Buffer => zip(DOCX_PARTS);
