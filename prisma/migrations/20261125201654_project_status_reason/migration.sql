-- AlterTable
ALTER TABLE "project" ADD COLUMN     "statusReason" TEXT;
