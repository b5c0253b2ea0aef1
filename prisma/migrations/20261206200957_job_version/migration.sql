-- AlterTable
ALTER TABLE "provisioning_job" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;
