// Stored files: outside the database, in a folder (DATA_DIR/files), named by a random key so no part of a
// user's file name ever reaches a path; each with its SM3 checksum.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface StoredFile {
  key: string;
  size: number;
  sm3: string;
}

/** where stored files live inside DATA_DIR */
export const filesDirOf = (dataDir: string) => path.join(dataDir, 'files');

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createFileStore(root: string) {
  const pathOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return path.join(root, key.slice(0, 2), key);
  };

  return {
    async put(content: Buffer): Promise<StoredFile> {
      const key = crypto.randomUUID();
      const file = pathOf(key);
      await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // write to a temporary name first so a crash never leaves a half-written file under its key
      const tmp = `${file}.part`;
      await fs.promises.writeFile(tmp, content, { mode: 0o600 });
      await fs.promises.rename(tmp, file);
      return { key, size: content.length, sm3: crypto.createHash('sm3').update(content).digest('hex') };
    },
    open(key: string): fs.ReadStream {
      return fs.createReadStream(pathOf(key));
    },
    async remove(key: string): Promise<void> {
      await fs.promises.rm(pathOf(key), { force: true });
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;

/** A file name safe to show and to send back: no directories, no control characters, bounded length. */
export function cleanFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  // control characters (C0, DEL, C1) and what Windows forbids in file names become '_'
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f"<>|:*?]/g, '_').replace(/^\.+/, '').trim();
  const name = cleaned || 'file';
  if (name.length <= 200) return name;
  // shorten the stem, never the extension: the extension is part of what the type check compares
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  return name.slice(0, 200 - ext.length) + ext;
}
