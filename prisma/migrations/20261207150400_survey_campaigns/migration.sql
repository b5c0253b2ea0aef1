-- AlterTable
ALTER TABLE "migration_system" ADD COLUMN     "lastConfirmedAt" TIMESTAMPTZ(3),
ADD COLUMN     "lastConfirmedCampaignId" UUID;

-- CreateTable
CREATE TABLE "survey_campaign" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "dueDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "openedById" UUID NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closeNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "survey_campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_response" (
    "id" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "jurisdiction" TEXT NOT NULL DEFAULT 'CITY',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" UUID,
    "declaredReason" TEXT,
    "returnReason" TEXT,
    "lastRemindedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "survey_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "survey_confirmation" (
    "id" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "systemId" UUID NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" UUID NOT NULL,

    CONSTRAINT "survey_confirmation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "survey_campaign_status_idx" ON "survey_campaign"("status");

-- CreateIndex
CREATE INDEX "survey_response_orgId_status_idx" ON "survey_response"("orgId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "survey_response_campaignId_orgId_key" ON "survey_response"("campaignId", "orgId");

-- CreateIndex
CREATE INDEX "survey_confirmation_systemId_idx" ON "survey_confirmation"("systemId");

-- CreateIndex
CREATE UNIQUE INDEX "survey_confirmation_responseId_systemId_key" ON "survey_confirmation"("responseId", "systemId");

-- AddForeignKey
ALTER TABLE "migration_system" ADD CONSTRAINT "migration_system_lastConfirmedCampaignId_fkey" FOREIGN KEY ("lastConfirmedCampaignId") REFERENCES "survey_campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "survey_campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_confirmation" ADD CONSTRAINT "survey_confirmation_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "survey_response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "survey_confirmation" ADD CONSTRAINT "survey_confirmation_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "migration_system"("id") ON DELETE CASCADE ON UPDATE CASCADE;
