-- AlterTable
ALTER TABLE "spot_check" ADD COLUMN     "jurisdiction" TEXT NOT NULL DEFAULT 'CITY';
