-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'CONFIRMED');

-- CreateTable
CREATE TABLE "org_assessment" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "score" INTEGER,
    "grade" TEXT,
    "findings" TEXT NOT NULL DEFAULT '',
    "evidence" JSONB,
    "assessedById" UUID NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "confirmedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "org_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "county_assessment" (
    "id" UUID NOT NULL,
    "county" TEXT NOT NULL,
    "countyOrgId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "indicators" JSONB,
    "manualItems" JSONB NOT NULL DEFAULT '[]',
    "total" DECIMAL(8,2) NOT NULL DEFAULT 0,
    "grade" TEXT,
    "findings" TEXT NOT NULL DEFAULT '',
    "assessedById" UUID NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3),
    "confirmedById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "county_assessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "org_assessment_year_idx" ON "org_assessment"("year");

-- CreateIndex
CREATE UNIQUE INDEX "org_assessment_orgId_year_key" ON "org_assessment"("orgId", "year");

-- CreateIndex
CREATE INDEX "county_assessment_year_idx" ON "county_assessment"("year");

-- CreateIndex
CREATE UNIQUE INDEX "county_assessment_county_year_key" ON "county_assessment"("county", "year");
