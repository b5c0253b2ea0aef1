// Writing a line of a job's log (job-log.ts) into job_event: the one way the worker, the job machine and the job's
// creation record it.
import type { Tx } from '../core/db/database.js';
import { publish } from '../core/events/feed.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { EventLevel } from './drivers/driver.js';
import type { LogLine } from './job-log.js';

/** Writes the line, and tells whoever follows the job's log (GET /api/jobs/:id/events) once it commits. */
export async function writeLogLine(tx: Tx, jobId: string, level: EventLevel, line: LogLine) {
  const created = await tx.jobEvent.create({
    data: {
      jobId,
      level,
      code: line.code,
      params: (line.params ?? undefined) as Prisma.InputJsonValue | undefined,
      detail: line.detail ?? null,
      data: (line.data ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
  // after the line: outside a transaction (the worker's progress lines) the word must not arrive before the line
  await publish(tx, { kind: 'job', id: jobId });
  return created;
}
