-- CreateEnum
CREATE TYPE "ProjectType" AS ENUM ('NEW', 'UPGRADE', 'OM');

-- CreateEnum
CREATE TYPE "ProjectStatus" AS ENUM ('DRAFT', 'GIA_REVIEW', 'RETURNED', 'REJECTED', 'BUDGET_REVIEW', 'BUDGET_APPROVED', 'PUBLIC_NOTICE', 'ESTABLISHED', 'CHANGE_REVIEW', 'ACCEPTED', 'SUSPENDED', 'TERMINATED');

-- CreateEnum
CREATE TYPE "ResourceDirection" AS ENUM ('NEEDED', 'PRODUCED');

-- CreateEnum
CREATE TYPE "SharingAttribute" AS ENUM ('UNCONDITIONAL', 'CONDITIONAL', 'NOT_SHAREABLE');

-- CreateEnum
CREATE TYPE "OpenAttribute" AS ENUM ('OPEN', 'CONDITIONAL', 'NOT_OPEN');

-- CreateTable
CREATE TABLE "project" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ProjectType" NOT NULL,
    "status" "ProjectStatus" NOT NULL DEFAULT 'DRAFT',
    "orgId" UUID NOT NULL,
    "leadOrgId" UUID,
    "coBuildingOrgIds" UUID[] DEFAULT ARRAY[]::UUID[],
    "countyParticipation" BOOLEAN NOT NULL DEFAULT false,
    "budgetYear" INTEGER NOT NULL,
    "totalBudget" DECIMAL(16,2) NOT NULL,
    "yearlyBudgets" JSONB NOT NULL DEFAULT '[]',
    "description" TEXT NOT NULL DEFAULT '',
    "components" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "performanceGoals" JSONB NOT NULL DEFAULT '[]',
    "emergency" BOOLEAN NOT NULL DEFAULT false,
    "emergencyConsentRef" TEXT,
    "privateNetwork" BOOLEAN NOT NULL DEFAULT false,
    "privateNetworkApprovalRef" TEXT,
    "catalogRevision" INTEGER NOT NULL,
    "approvedBudget" DECIMAL(16,2),
    "approvalNumber" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "establishedAt" TIMESTAMPTZ(3),
    "resumeStatus" "ProjectStatus",
    "deciders" UUID[] DEFAULT ARRAY[]::UUID[],
    "createdById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_line" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "lineNo" INTEGER NOT NULL,
    "planCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,

    CONSTRAINT "resource_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "information_resource" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "direction" "ResourceDirection" NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "updateFrequency" TEXT NOT NULL,
    "sharing" "SharingAttribute" NOT NULL,
    "openness" "OpenAttribute" NOT NULL,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "information_resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_document" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sm3" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "filingId" UUID,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "project_review" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "dimensions" JSONB NOT NULL DEFAULT '{}',
    "comment" TEXT,
    "approvedAmount" DECIMAL(16,2),
    "reviewerId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "public_notice" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "amount" DECIMAL(16,2) NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "public_notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notice_objection" (
    "id" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "submitter" TEXT NOT NULL,
    "contact" TEXT,
    "content" TEXT NOT NULL,
    "recordedById" UUID,
    "resolution" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notice_objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "filing" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "filedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deadline" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "workingDays" INTEGER NOT NULL,
    "article" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "provisional" BOOLEAN NOT NULL DEFAULT false,
    "metAt" TIMESTAMPTZ(3),
    "metByFilingId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "entitlement" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "planCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "catalogRevision" INTEGER NOT NULL,

    CONSTRAINT "entitlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_key" (
    "key" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_code_key" ON "project"("code");

-- CreateIndex
CREATE UNIQUE INDEX "project_approvalNumber_key" ON "project"("approvalNumber");

-- CreateIndex
CREATE INDEX "project_orgId_idx" ON "project"("orgId");

-- CreateIndex
CREATE INDEX "project_status_idx" ON "project"("status");

-- CreateIndex
CREATE INDEX "project_coBuildingOrgIds_idx" ON "project" USING GIN ("coBuildingOrgIds");

-- CreateIndex
CREATE UNIQUE INDEX "resource_line_projectId_lineNo_key" ON "resource_line"("projectId", "lineNo");

-- CreateIndex
CREATE INDEX "information_resource_projectId_idx" ON "information_resource"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "project_document_storageKey_key" ON "project_document"("storageKey");

-- CreateIndex
CREATE INDEX "project_document_projectId_idx" ON "project_document"("projectId");

-- CreateIndex
CREATE INDEX "project_review_projectId_idx" ON "project_review"("projectId");

-- CreateIndex
CREATE INDEX "project_review_reviewerId_idx" ON "project_review"("reviewerId");

-- CreateIndex
CREATE INDEX "public_notice_endDate_idx" ON "public_notice"("endDate");

-- CreateIndex
CREATE INDEX "notice_objection_noticeId_idx" ON "notice_objection"("noticeId");

-- CreateIndex
CREATE INDEX "filing_projectId_kind_idx" ON "filing"("projectId", "kind");

-- CreateIndex
CREATE INDEX "deadline_orgId_metAt_idx" ON "deadline"("orgId", "metAt");

-- CreateIndex
CREATE INDEX "deadline_dueDate_idx" ON "deadline"("dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "entitlement_projectId_planCode_key" ON "entitlement"("projectId", "planCode");

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resource_line" ADD CONSTRAINT "resource_line_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "information_resource" ADD CONSTRAINT "information_resource_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_document" ADD CONSTRAINT "project_document_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project_review" ADD CONSTRAINT "project_review_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "public_notice" ADD CONSTRAINT "public_notice_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notice_objection" ADD CONSTRAINT "notice_objection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "public_notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "filing" ADD CONSTRAINT "filing_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deadline" ADD CONSTRAINT "deadline_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "entitlement" ADD CONSTRAINT "entitlement_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
