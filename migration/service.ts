// The migration domain's services, composed once: the register, the transitions, the waves and the board.
import type { PublishedCatalog } from '../catalog/published.js';
import { toShanghaiDate, type LocalDate } from '../core/calendar/working-days.js';
import type { Database } from '../core/db/database.js';
import type { ArchiveLimits } from '../core/config.js';
import { createBoardService } from './board.js';
import { createQuestionnaireService } from './questionnaire.js';
import { createRegisterService } from './register.js';
import { createTransitionService } from './transitions.js';
import { createWaveService } from './waves.js';

export interface MigrationDeps {
  db: Database;
  published: PublishedCatalog;
  /** today in Asia/Shanghai (overdue waves); injectable for tests */
  today?: () => LocalDate;
  /** what an imported XLSX may inflate to (core/files/archive-inspection.ts) */
  archiveLimits?: ArchiveLimits;
}

export function createMigrationService({ db, published, archiveLimits, today = () => toShanghaiDate(new Date()) }: MigrationDeps) {
  const board = createBoardService({ db, today });
  const transitions = createTransitionService({ db, published });
  return {
    register: createRegisterService({ db, transitions, archiveLimits }),
    transitions,
    waves: createWaveService({ db }),
    board,
    questionnaire: createQuestionnaireService({ db, published }),
  };
}

export type MigrationService = ReturnType<typeof createMigrationService>;
