-- AlterTable
ALTER TABLE "organisation" ADD COLUMN     "shortName" TEXT;

-- CreateTable
CREATE TABLE "org_alias" (
    "id" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "normalised" TEXT NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_alias_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_alias_normalised_key" ON "org_alias"("normalised");

-- CreateIndex
CREATE INDEX "org_alias_orgId_idx" ON "org_alias"("orgId");

-- AddForeignKey
ALTER TABLE "org_alias" ADD CONSTRAINT "org_alias_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
