-- CreateEnum
CREATE TYPE "ResourceRequestStatus" AS ENUM ('SUBMITTED', 'APPROVED', 'RETURNED', 'PROVISIONING', 'PROVISIONED', 'FAILED', 'DEPROVISIONING', 'DEPROVISIONED');

-- CreateEnum
CREATE TYPE "JobState" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "resource_request" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "projectId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "status" "ResourceRequestStatus" NOT NULL DEFAULT 'SUBMITTED',
    "environment" TEXT NOT NULL,
    "networkZone" TEXT NOT NULL,
    "systemId" UUID,
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "sshPublicKeys" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "reviewNote" TEXT,
    "reviewedById" UUID,
    "createdById" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "resource_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource_request_item" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "planCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "resource_request_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provisioning_job" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "projectId" UUID NOT NULL,
    "requestId" UUID,
    "stack" TEXT NOT NULL,
    "driver" TEXT NOT NULL,
    "state" "JobState" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "idempotencyKey" TEXT,
    "requestedById" UUID NOT NULL,
    "requestIdHttp" TEXT,
    "error" TEXT,
    "result" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "provisioning_job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_event" (
    "seq" BIGSERIAL NOT NULL,
    "jobId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "data" JSONB,

    CONSTRAINT "job_event_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "provisioned_resource" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "requestId" UUID,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "planCode" TEXT,
    "state" TEXT NOT NULL DEFAULT 'PENDING',
    "detail" TEXT,
    "credentialsRevealedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "provisioned_resource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "resource_request_code_key" ON "resource_request"("code");

-- CreateIndex
CREATE INDEX "resource_request_projectId_idx" ON "resource_request"("projectId");

-- CreateIndex
CREATE INDEX "resource_request_status_idx" ON "resource_request"("status");

-- CreateIndex
CREATE UNIQUE INDEX "resource_request_item_requestId_planCode_key" ON "resource_request_item"("requestId", "planCode");

-- CreateIndex
CREATE INDEX "provisioning_job_projectId_state_idx" ON "provisioning_job"("projectId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "provisioning_job_requestedById_idempotencyKey_key" ON "provisioning_job"("requestedById", "idempotencyKey");

-- CreateIndex
CREATE INDEX "job_event_jobId_seq_idx" ON "job_event"("jobId", "seq");

-- CreateIndex
CREATE INDEX "provisioned_resource_requestId_idx" ON "provisioned_resource"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "provisioned_resource_projectId_kind_namespace_name_key" ON "provisioned_resource"("projectId", "kind", "namespace", "name");

-- AddForeignKey
ALTER TABLE "resource_request_item" ADD CONSTRAINT "resource_request_item_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "resource_request"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_event" ADD CONSTRAINT "job_event_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "provisioning_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;
