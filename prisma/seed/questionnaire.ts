// Seeds the default assessment questionnaire (migration/questionnaire-default.ts) as version 1 on a database that has
// none: on first start, and never over a restored backup's own versions.
import type { Prisma } from '../../core/db/generated/client.js';
import type { Tx } from '../../core/db/database.js';
import { DEFAULT_QUESTIONNAIRE } from '../../migration/questionnaire-default.js';

/** Returns true when it seeded, false when a questionnaire already existed. */
export async function seedQuestionnaire(tx: Tx): Promise<boolean> {
  if ((await tx.migrationQuestionnaire.count()) > 0) return false;
  await tx.migrationQuestionnaire.create({ data: { version: 1, definition: DEFAULT_QUESTIONNAIRE as unknown as Prisma.InputJsonValue, note: '默认问卷' } });
  return true;
}
