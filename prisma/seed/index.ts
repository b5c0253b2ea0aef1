// What a fresh database gets on first start: the published catalog, the default assessment questionnaire, and demo or
// bootstrap accounts.
import type { Config } from '../../core/config.js';
import type { Database } from '../../core/db/database.js';
import { assertPasswordPolicy } from '../../accounts/passwords.js';
import { bootstrapAdministrators, seedDemoAccounts } from './accounts.js';
import { seedCatalog } from './catalog.js';
import { seedQuestionnaire } from './questionnaire.js';

const SEED_LOCK = 0x5a59_5345; // "ZYSE"

export interface SeedResult {
  catalog: boolean;
  accounts: 'demo' | 'bootstrap' | 'none';
}

export async function seedDatabase(db: Database, config: Pick<Config, 'demoMode' | 'demoPassword' | 'bootstrapAdminPassword'>): Promise<SeedResult> {
  if (config.demoMode) assertPasswordPolicy(config.demoPassword, '', 'DEMO_PASSWORD');
  if (!config.demoMode && config.bootstrapAdminPassword) assertPasswordPolicy(config.bootstrapAdminPassword, '', 'BOOTSTRAP_ADMIN_PASSWORD');
  return db.prisma.$transaction(
    async (tx) => {
      // several replicas may start at once: one seeds, the others then find data and skip
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      const catalog = await seedCatalog(tx);
      await seedQuestionnaire(tx);
      let accounts: SeedResult['accounts'] = 'none';
      if (config.demoMode) {
        if (await seedDemoAccounts(tx, config.demoPassword)) accounts = 'demo';
      } else if (config.bootstrapAdminPassword) {
        if (await bootstrapAdministrators(tx, config.bootstrapAdminPassword)) accounts = 'bootstrap';
      }
      return { catalog, accounts };
    },
    { timeout: 60_000 },
  );
}
