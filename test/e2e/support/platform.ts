// The whole platform for browser tests: in-process on a scratch database (PostgreSQL or embedded: test/support/database.ts), listening on a free port of
// 127.0.0.1 and serving the built web console, with a movable "today" (Asia/Shanghai), as test/support/platform.ts.
import { startPlatform, type Platform } from '../../../api/platform.js';
import { toShanghaiDate, type LocalDate } from '../../../core/calendar/working-days.js';
import { loadConfig } from '../../../core/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { DEMO_PASSWORD } from '../../support/platform.js';
import { ensureWebBuilt } from './ui-build.js';

export { DEMO_PASSWORD };

export interface E2EPlatform {
  platform: Platform;
  dataDir: string;
  database: TestDatabase;
  url: string;
  setToday(date: LocalDate | null): void;
  today(): LocalDate;
  stop(): Promise<void>;
}

/** `settings`: more of the environment, e.g. NO_WORKERS for a test that runs the jobs itself. */
export async function startE2EPlatform(settings: Record<string, string> = {}): Promise<E2EPlatform> {
  await ensureWebBuilt();
  const database = await createTestDatabase('zy_e2e');
  const config = loadConfig({
    ...database.env,
    DEMO_MODE: 'true',
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...settings,
  });
  let fixedToday: LocalDate | null = null;
  const today = () => fixedToday ?? toShanghaiDate(new Date());
  let platform: Platform;
  try {
    platform = await startPlatform(config, { listen: true, services: { today } });
  } catch (err) {
    await database.drop();
    throw err;
  }
  return {
    platform,
    database,
    dataDir: config.dataDir,
    url: platform.url!,
    setToday(date) {
      fixedToday = date;
    },
    today,
    async stop() {
      await platform.stop();
      await database.drop();
    },
  };
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10) as LocalDate;
}
