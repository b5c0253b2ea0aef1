-- CreateTable
CREATE TABLE "deadline_reminder" (
    "id" UUID NOT NULL,
    "deadlineId" UUID NOT NULL,
    "day" TEXT NOT NULL,
    "sentById" UUID NOT NULL,
    "sentByName" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deadline_reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "deadline_reminder_deadlineId_day_key" ON "deadline_reminder"("deadlineId", "day");

-- AddForeignKey
ALTER TABLE "deadline_reminder" ADD CONSTRAINT "deadline_reminder_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;
