-- CreateTable
CREATE TABLE "migration_wave_alert" (
    "waveId" UUID NOT NULL,
    "step" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_wave_alert_pkey" PRIMARY KEY ("waveId","step")
);
