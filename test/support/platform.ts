// The whole platform on a scratch PostgreSQL database, in-process, driven through supertest.
import supertest from 'supertest';
import { startPlatform, type Platform } from '../../api/platform.js';
import type { ServiceOptions } from '../../api/services.js';
import { toShanghaiDate, type LocalDate } from '../../core/calendar/working-days.js';
import { loadConfig } from '../../core/config.js';
import { createScratchDatabase, type ScratchDatabase } from './postgres.js';

export const DEMO_PASSWORD = 'Demo-Passw0rd!';

export interface TestPlatform {
  platform: Platform;
  scratch: ScratchDatabase;
  http: ReturnType<typeof supertest>;
  /** signs in a demo account and returns its bearer token (cached per username) */
  token(username: string): Promise<string>;
  as(username: string): Promise<{ Authorization: string }>;
  /** moves the platform's "today" (Asia/Shanghai); null returns to the real date */
  setToday(date: LocalDate | null): void;
  today(): LocalDate;
  stop(): Promise<void>;
}

export async function startTestPlatform(env: Record<string, string> = {}, services: ServiceOptions = {}): Promise<TestPlatform> {
  const scratch = await createScratchDatabase();
  const config = loadConfig({ DATABASE_URL: scratch.url, DEMO_MODE: 'true', DEMO_PASSWORD, LOG_LEVEL: 'silent', DATA_DIR: `/tmp/zy-test-data/${scratch.name}`, ...env });
  let fixedToday: LocalDate | null = null;
  const today = () => fixedToday ?? toShanghaiDate(new Date());
  const platform = await startPlatform(config, { listen: false, services: { today, ...services } });
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
    scratch,
    http,
    token,
    as: async (username) => ({ Authorization: `Bearer ${await token(username)}` }),
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
