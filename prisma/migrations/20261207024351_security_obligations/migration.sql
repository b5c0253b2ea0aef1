-- AlterTable
ALTER TABLE "deadline" ADD COLUMN     "migrationSystemId" UUID,
ALTER COLUMN "projectId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "security_dossier" (
    "id" UUID NOT NULL,
    "projectId" UUID,
    "migrationSystemId" UUID,
    "orgId" UUID NOT NULL,
    "ownerKind" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "security_dossier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security_record" (
    "id" UUID NOT NULL,
    "dossierId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "filedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "security_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "security_document" (
    "id" UUID NOT NULL,
    "recordId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sm3" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "security_document_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "security_dossier_projectId_key" ON "security_dossier"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "security_dossier_migrationSystemId_key" ON "security_dossier"("migrationSystemId");

-- CreateIndex
CREATE INDEX "security_dossier_orgId_idx" ON "security_dossier"("orgId");

-- CreateIndex
CREATE INDEX "security_record_dossierId_kind_idx" ON "security_record"("dossierId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "security_document_storageKey_key" ON "security_document"("storageKey");

-- CreateIndex
CREATE INDEX "security_document_recordId_idx" ON "security_document"("recordId");

-- CreateIndex
CREATE INDEX "deadline_migrationSystemId_idx" ON "deadline"("migrationSystemId");

-- AddForeignKey
ALTER TABLE "deadline" ADD CONSTRAINT "deadline_migrationSystemId_fkey" FOREIGN KEY ("migrationSystemId") REFERENCES "migration_system"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_dossier" ADD CONSTRAINT "security_dossier_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_dossier" ADD CONSTRAINT "security_dossier_migrationSystemId_fkey" FOREIGN KEY ("migrationSystemId") REFERENCES "migration_system"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_record" ADD CONSTRAINT "security_record_dossierId_fkey" FOREIGN KEY ("dossierId") REFERENCES "security_dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_document" ADD CONSTRAINT "security_document_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "security_record"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- exactly one owner: a project, or a migrated system. A trigger rather than a CHECK constraint: Prisma's schema engine
-- (the offline diff, prisma/tools) cannot introspect CHECK constraints and panics on them.
CREATE FUNCTION zy_one_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF num_nonnulls(NEW."projectId", NEW."migrationSystemId") <> 1 THEN
    RAISE EXCEPTION '% needs exactly one owner: a project or a migrated system', TG_TABLE_NAME USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER deadline_one_owner BEFORE INSERT OR UPDATE ON "deadline" FOR EACH ROW EXECUTE FUNCTION zy_one_owner();
CREATE TRIGGER security_dossier_one_owner BEFORE INSERT OR UPDATE ON "security_dossier" FOR EACH ROW EXECUTE FUNCTION zy_one_owner();
