// The hashes of stored content: SHA-256 (its key in the file store) and SM3 (what documents show), and the check
// every read goes through.
import crypto from 'node:crypto';
import { StoredContentError } from '../errors.js';
import type { StoredContent } from './store.js';

export const sha256Of = (content: Buffer) => crypto.createHash('sha256').update(content).digest('hex');
export const sm3Of = (content: Buffer) => crypto.createHash('sm3').update(content).digest('hex');

/** What `put` answers for `content`. */
export const describeContent = (content: Buffer, mediaType: string): StoredContent => ({ sha256: sha256Of(content), sm3: sm3Of(content), size: content.length, mediaType });

/** `content` if it is what was stored under `sha256`; FILE_CONTENT_CORRUPT otherwise. */
export function verified(sha256: string, content: Buffer): Buffer {
  if (sha256Of(content) !== sha256) throw new StoredContentError('FILE_CONTENT_CORRUPT', sha256);
  return content;
}

