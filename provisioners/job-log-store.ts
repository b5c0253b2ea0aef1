// Writing a line of a job's log (job-log.ts) into job_event: the one way the worker, the job machine and the job's
// creation record it.
import type { Tx } from '../core/db/database.js';
import type { Prisma } from '../core/db/generated/client.js';
import type { EventLevel } from './drivers/driver.js';
import type { LogLine } from './job-log.js';

export function writeLogLine(tx: Tx, jobId: string, level: EventLevel, line: LogLine) {
  return tx.jobEvent.create({
    data: {
      jobId,
      level,
      code: line.code,
      params: (line.params ?? undefined) as Prisma.InputJsonValue | undefined,
      detail: line.detail ?? null,
      data: (line.data ?? undefined) as Prisma.InputJsonValue | undefined,
    },
  });
}
