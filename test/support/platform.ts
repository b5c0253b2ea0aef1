// The whole platform on a scratch database (PostgreSQL, or the embedded one: ./database.ts), in-process, driven through supertest.
import supertest from 'supertest';
import { startPlatform, type Platform } from '../../api/platform.js';
import type { ServiceOptions } from '../../api/services.js';
import { toShanghaiDate, type LocalDate } from '../../core/calendar/working-days.js';
import { loadConfig } from '../../core/config.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const DEMO_PASSWORD = 'Demo-Passw0rd!';

export interface TestPlatform {
  platform: Platform;
  database: TestDatabase;
  /** the platform's DATA_DIR */
  dataDir: string;
  http: ReturnType<typeof supertest>;
  /** signs in a demo account and returns its bearer token (cached per username) */
  token(username: string): Promise<string>;
  as(username: string): Promise<{ Authorization: string }>;
  /** moves the platform's "today" (Asia/Shanghai); null returns to the real date */
  setToday(date: LocalDate | null): void;
  today(): LocalDate;
  stop(): Promise<void>;
}

export async function startTestPlatform(
  env: Record<string, string> = {},
  services: ServiceOptions = {},
  opts: Pick<Parameters<typeof startPlatform>[1] & object, 'instrumentDriver'> = {},
): Promise<TestPlatform> {
  const database = await createTestDatabase();
  const config = loadConfig({ ...database.env, DEMO_MODE: 'true', DEMO_PASSWORD, LOG_LEVEL: process.env.ZY_TEST_LOG_LEVEL ?? 'silent', ...env });
  let fixedToday: LocalDate | null = null;
  const today = () => fixedToday ?? toShanghaiDate(new Date());
  let platform: Platform;
  try {
    platform = await startPlatform(config, { listen: false, services: { today, ...services }, ...opts });
  } catch (err) {
    await database.drop();
    throw err;
  }
  const http = supertest(platform.app);
  const tokens = new Map<string, string>();
  async function token(username: string) {
    let t = tokens.get(username);
    if (!t) {
      const res = await http.post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      t = res.body.token as string;
      tokens.set(username, t);
    }
    return t;
  }
  return {
    platform,
    database,
    dataDir: database.dataDir,
    http,
    token,
    as: async (username) => ({ Authorization: `Bearer ${await token(username)}` }),
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
