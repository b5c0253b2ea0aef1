-- AlterTable
ALTER TABLE "provisioning_job" ALTER COLUMN "requestedById" DROP NOT NULL;
