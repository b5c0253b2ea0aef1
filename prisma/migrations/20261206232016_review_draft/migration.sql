-- CreateTable
CREATE TABLE "review_draft" (
    "projectId" UUID NOT NULL,
    "stage" TEXT NOT NULL,
    "reviewerId" UUID NOT NULL,
    "content" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "review_draft_pkey" PRIMARY KEY ("projectId","stage","reviewerId")
);

-- AddForeignKey
ALTER TABLE "review_draft" ADD CONSTRAINT "review_draft_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
