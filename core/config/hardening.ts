// Settings of the hardening (README "Hardening"): HSTS, what a zip-based file may hold, imports at once per user.
import { z } from 'zod';

export const hardeningEnv = {
  /** HSTS max-age in seconds, sent only when the platform is reached over TLS (behind a TLS-terminating proxy); 0: no HSTS header */
  ZY_HSTS_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(2 * 365 * 24 * 3600).default(0),
  /** zip-based uploads and imports (docx, xlsx, zip…): at most this many MiB once inflated, this inflated/compressed ratio, this many entries, archives nested this deep (core/files/archive-inspection.ts) */
  ZY_ARCHIVE_MAX_UNCOMPRESSED_MB: z.coerce.number().int().min(1).max(4096).default(200),
  ZY_ARCHIVE_MAX_RATIO: z.coerce.number().int().min(2).max(10_000).default(100),
  ZY_ARCHIVE_MAX_ENTRIES: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  ZY_ARCHIVE_MAX_DEPTH: z.coerce.number().int().min(0).max(5).default(1),
  /** spreadsheet imports (previews included) one user may run at once; a further one is 429 IMPORT_BUSY */
  ZY_IMPORT_CONCURRENCY_PER_USER: z.coerce.number().int().min(1).max(32).default(2),
};

type HardeningEnv = z.infer<z.ZodObject<typeof hardeningEnv>>;

export interface HardeningConfig {
  /** 0: no Strict-Transport-Security */
  hstsMaxAgeSeconds: number;
  archive: ArchiveLimits;
  importConcurrencyPerUser: number;
}

/** What a zip-based file may hold (core/files/archive-inspection.ts). */
export interface ArchiveLimits {
  maxUncompressedBytes: number;
  maxRatio: number;
  maxEntries: number;
  /** archives inside the archive: 0 none allowed, 1 one level… */
  maxDepth: number;
}

export const DEFAULT_HARDENING: HardeningConfig = {
  hstsMaxAgeSeconds: 0,
  archive: { maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 10_000, maxDepth: 1 },
  importConcurrencyPerUser: 2,
};

export function hardeningFrom(e: HardeningEnv): HardeningConfig {
  return {
    hstsMaxAgeSeconds: e.ZY_HSTS_MAX_AGE_SECONDS,
    archive: {
      maxUncompressedBytes: e.ZY_ARCHIVE_MAX_UNCOMPRESSED_MB * 1024 * 1024,
      maxRatio: e.ZY_ARCHIVE_MAX_RATIO,
      maxEntries: e.ZY_ARCHIVE_MAX_ENTRIES,
      maxDepth: e.ZY_ARCHIVE_MAX_DEPTH,
    },
    importConcurrencyPerUser: e.ZY_IMPORT_CONCURRENCY_PER_USER,
  };
}
