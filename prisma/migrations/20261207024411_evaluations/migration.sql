-- CreateTable
CREATE TABLE "self_evaluation_obligation" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "deadlineId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "self_evaluation_obligation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spot_check" (
    "id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "seed" TEXT NOT NULL,
    "populationCount" INTEGER NOT NULL,
    "sampleSize" INTEGER NOT NULL,
    "requestedSize" INTEGER,
    "requestedPercent" INTEGER,
    "note" TEXT,
    "createdById" UUID NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "spot_check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "spot_check_item" (
    "id" UUID NOT NULL,
    "spotCheckId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "filingId" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "result" TEXT,
    "findings" TEXT,
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3),

    CONSTRAINT "spot_check_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "effectiveness_evaluation" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "dimensions" JSONB NOT NULL,
    "grade" TEXT NOT NULL,
    "conclusion" TEXT NOT NULL,
    "rectificationFilingId" UUID,
    "rectificationDeadlineId" UUID,
    "evaluatedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "effectiveness_evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "self_evaluation_obligation_projectId_year_key" ON "self_evaluation_obligation"("projectId", "year");

-- CreateIndex
CREATE INDEX "spot_check_year_idx" ON "spot_check"("year");

-- CreateIndex
CREATE INDEX "spot_check_item_projectId_idx" ON "spot_check_item"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "spot_check_item_spotCheckId_filingId_key" ON "spot_check_item"("spotCheckId", "filingId");

-- CreateIndex
CREATE INDEX "effectiveness_evaluation_projectId_idx" ON "effectiveness_evaluation"("projectId");

-- AddForeignKey
ALTER TABLE "spot_check_item" ADD CONSTRAINT "spot_check_item_spotCheckId_fkey" FOREIGN KEY ("spotCheckId") REFERENCES "spot_check"("id") ON DELETE CASCADE ON UPDATE CASCADE;
