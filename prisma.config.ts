// Prisma CLI configuration. The CLI is used offline only for `prisma generate`;
// migrations are applied by core/db/migrate.ts and diffed by prisma/tools (see README).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost/zhengyun' },
});
