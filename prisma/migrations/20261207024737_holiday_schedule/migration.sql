-- AlterTable
ALTER TABLE "deadline" ADD COLUMN     "previousDueDate" TEXT,
ADD COLUMN     "recomputedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "holiday_schedule" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "days" JSONB NOT NULL,
    "loadedById" UUID NOT NULL,
    "loadedByName" TEXT NOT NULL,
    "loadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "holiday_schedule_pkey" PRIMARY KEY ("year")
);
