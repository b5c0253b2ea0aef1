-- CreateEnum
CREATE TYPE "HostingType" AS ENUM ('OWN_ROOM', 'INDUSTRY_CLOUD', 'COUNTY_CLOUD', 'OTHER_PROVIDER', 'CITY_CLOUD');

-- CreateEnum
CREATE TYPE "XinchuangStatus" AS ENUM ('NONE', 'PARTIAL', 'FULL');

-- CreateEnum
CREATE TYPE "MigrationStrategy" AS ENUM ('REHOST', 'REPLATFORM', 'REFACTOR', 'REPURCHASE', 'RETIRE', 'RETAIN_EXEMPT');

-- CreateEnum
CREATE TYPE "MigrationLevel" AS ENUM ('LOW', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "MigrationStatus" AS ENUM ('REGISTERED', 'ASSESSED', 'PLANNED', 'MIGRATING', 'CUT_OVER', 'MIGRATED', 'DECOMMISSIONED', 'BLOCKED');

-- CreateTable
CREATE TABLE "migration_system" (
    "id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "orgId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "hosting" "HostingType" NOT NULL,
    "location" TEXT,
    "mlpsLevel" INTEGER,
    "mlpsFilingNo" TEXT,
    "classified" BOOLEAN NOT NULL DEFAULT false,
    "os" TEXT,
    "database" TEXT,
    "middleware" TEXT,
    "xinchuang" "XinchuangStatus",
    "dataVolumeGb" DECIMAL(14,2),
    "userCount" INTEGER,
    "dependencies" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "annualOmCost" DECIMAL(14,2),
    "strategy" "MigrationStrategy",
    "effort" "MigrationLevel",
    "risk" "MigrationLevel",
    "targetPlanCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "blockingIssues" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "assessedAt" TIMESTAMPTZ(3),
    "status" "MigrationStatus" NOT NULL DEFAULT 'REGISTERED',
    "blockedReason" TEXT,
    "blockedFrom" "MigrationStatus",
    "waveId" UUID,
    "projectId" UUID,
    "resourceRequestIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "migratedAt" TIMESTAMPTZ(3),
    "decommissionedAt" TIMESTAMPTZ(3),
    "createdById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "migration_system_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_code_counter" (
    "orgId" UUID NOT NULL,
    "lastSeq" INTEGER NOT NULL,

    CONSTRAINT "migration_code_counter_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "migration_wave" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "migration_wave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "migration_status_change" (
    "seq" BIGSERIAL NOT NULL,
    "systemId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" "MigrationStatus",
    "toStatus" "MigrationStatus" NOT NULL,
    "reason" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "actorId" UUID,
    "actorName" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_status_change_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "migration_system_code_key" ON "migration_system"("code");

-- CreateIndex
CREATE INDEX "migration_system_status_idx" ON "migration_system"("status");

-- CreateIndex
CREATE INDEX "migration_system_waveId_idx" ON "migration_system"("waveId");

-- CreateIndex
CREATE INDEX "migration_system_hosting_status_idx" ON "migration_system"("hosting", "status");

-- CreateIndex
CREATE INDEX "migration_system_strategy_idx" ON "migration_system"("strategy");

-- CreateIndex
CREATE UNIQUE INDEX "migration_system_orgId_name_key" ON "migration_system"("orgId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "migration_system_orgId_seq_key" ON "migration_system"("orgId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "migration_wave_name_key" ON "migration_wave"("name");

-- CreateIndex
CREATE INDEX "migration_wave_endDate_idx" ON "migration_wave"("endDate");

-- CreateIndex
CREATE INDEX "migration_status_change_systemId_seq_idx" ON "migration_status_change"("systemId", "seq");

-- CreateIndex
CREATE INDEX "migration_status_change_toStatus_systemId_at_idx" ON "migration_status_change"("toStatus", "systemId", "at");

-- AddForeignKey
ALTER TABLE "migration_system" ADD CONSTRAINT "migration_system_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_system" ADD CONSTRAINT "migration_system_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "migration_wave"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_status_change" ADD CONSTRAINT "migration_status_change_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "migration_system"("id") ON DELETE CASCADE ON UPDATE CASCADE;
