// At most N spreadsheet imports (previews included) at a time per user, in this process: reading a large XLSX
// costs seconds of a core, so one account cannot occupy the API with parallel uploads. A further one is answered
// 429 IMPORT_BUSY with Retry-After (README "Hardening"). Each replica counts its own (behind a load balancer a user
// gets at most N per replica).
import { TooManyRequestsError } from '../core/errors.js';

/** what Retry-After suggests: an import of the largest allowed file takes a few seconds */
export const IMPORT_RETRY_AFTER_SECONDS = 10;

export function createImportGate(perUser: number) {
  const running = new Map<string, number>();
  return {
    perUser,
    /** Runs `work` as one of the user's imports, or refuses with 429 when they already run `perUser`. */
    async run<T>(userId: string, work: () => Promise<T>): Promise<T> {
      const now = running.get(userId) ?? 0;
      if (now >= perUser) throw new TooManyRequestsError('IMPORT_BUSY', IMPORT_RETRY_AFTER_SECONDS, { max: perUser });
      running.set(userId, now + 1);
      try {
        return await work();
      } finally {
        const left = (running.get(userId) ?? 1) - 1;
        if (left > 0) running.set(userId, left);
        else running.delete(userId);
      }
    },
    /** imports running now for a user (tests, metrics) */
    runningFor: (userId: string) => running.get(userId) ?? 0,
  };
}

export type ImportGate = ReturnType<typeof createImportGate>;
