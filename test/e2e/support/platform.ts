// The whole platform for browser tests: in-process on a scratch PostgreSQL database, listening on a free port of
// 127.0.0.1 and serving the built web console, with a movable "today" (Asia/Shanghai), as test/support/platform.ts.
import { startPlatform, type Platform } from '../../../api/platform.js';
import { toShanghaiDate, type LocalDate } from '../../../core/calendar/working-days.js';
import { loadConfig } from '../../../core/config.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/postgres.js';
import { DEMO_PASSWORD } from '../../support/platform.js';
import { ensureWebBuilt } from './ui-build.js';

export { DEMO_PASSWORD };

export interface E2EPlatform {
  platform: Platform;
  scratch: ScratchDatabase;
  url: string;
  setToday(date: LocalDate | null): void;
  today(): LocalDate;
  stop(): Promise<void>;
}

export async function startE2EPlatform(): Promise<E2EPlatform> {
  await ensureWebBuilt();
  const scratch = await createScratchDatabase('zy_e2e');
  const config = loadConfig({
    DATABASE_URL: scratch.url,
    DEMO_MODE: 'true',
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    DATA_DIR: `/tmp/zy-test-data/${scratch.name}`,
    PORT: '0',
    HOST: '127.0.0.1',
  });
  let fixedToday: LocalDate | null = null;
  const today = () => fixedToday ?? toShanghaiDate(new Date());
  let platform: Platform;
  try {
    platform = await startPlatform(config, { listen: true, services: { today } });
  } catch (err) {
    await scratch.drop();
    throw err;
  }
  return {
    platform,
    scratch,
    url: platform.url!,
    setToday(date) {
      fixedToday = date;
    },
    today,
    async stop() {
      await platform.stop();
      await scratch.drop();
    },
  };
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10) as LocalDate;
}
