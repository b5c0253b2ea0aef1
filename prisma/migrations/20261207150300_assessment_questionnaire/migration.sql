-- CreateTable
CREATE TABLE "migration_questionnaire" (
    "version" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "publishedById" UUID,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "migration_questionnaire_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "migration_questionnaire_answers" (
    "systemId" UUID NOT NULL,
    "questionnaireVersion" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "proposedStrategy" "MigrationStrategy" NOT NULL,
    "proposedRisk" "MigrationLevel" NOT NULL,
    "riskPoints" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL,
    "answeredById" UUID NOT NULL,
    "answeredAt" TIMESTAMPTZ(3) NOT NULL,
    "confirmedById" UUID,
    "confirmedAt" TIMESTAMPTZ(3),
    "overrideReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "migration_questionnaire_answers_pkey" PRIMARY KEY ("systemId")
);

-- CreateIndex
CREATE INDEX "migration_questionnaire_answers_questionnaireVersion_idx" ON "migration_questionnaire_answers"("questionnaireVersion");

-- AddForeignKey
ALTER TABLE "migration_questionnaire_answers" ADD CONSTRAINT "migration_questionnaire_answers_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "migration_system"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "migration_questionnaire_answers" ADD CONSTRAINT "migration_questionnaire_answers_questionnaireVersion_fkey" FOREIGN KEY ("questionnaireVersion") REFERENCES "migration_questionnaire"("version") ON DELETE RESTRICT ON UPDATE CASCADE;
