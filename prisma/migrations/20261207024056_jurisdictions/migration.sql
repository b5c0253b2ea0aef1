-- AlterTable
ALTER TABLE "migration_system" ADD COLUMN     "jurisdiction" TEXT NOT NULL DEFAULT 'CITY';

-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "jurisdiction" TEXT NOT NULL DEFAULT 'CITY';

-- AlterTable
ALTER TABLE "project" ADD COLUMN     "jurisdiction" TEXT NOT NULL DEFAULT 'CITY';

-- CreateIndex
CREATE INDEX "migration_system_jurisdiction_idx" ON "migration_system"("jurisdiction");

-- CreateIndex
CREATE INDEX "project_jurisdiction_status_idx" ON "project"("jurisdiction", "status");

-- A county's own organisation belongs to its own jurisdiction; projects and legacy systems take their owner's.
UPDATE "organisation" SET "jurisdiction" = "code" WHERE "kind" = 'COUNTY';
UPDATE "project" p SET "jurisdiction" = o."jurisdiction" FROM "organisation" o WHERE p."orgId" = o."id";
UPDATE "migration_system" s SET "jurisdiction" = o."jurisdiction" FROM "organisation" o WHERE s."orgId" = o."id";
