-- A running job's heartbeat and the worker running it (provisioners/heartbeat.ts): a job whose worker stopped
-- beating is retried within JOB_HEARTBEAT_TIMEOUT_SECONDS instead of waiting for the queue's expiry.
-- AlterTable
ALTER TABLE "provisioning_job" ADD COLUMN     "heartbeatAt" TIMESTAMPTZ(3),
ADD COLUMN     "workerId" TEXT;

-- CreateIndex
CREATE INDEX "provisioning_job_state_heartbeatAt_idx" ON "provisioning_job"("state", "heartbeatAt");
