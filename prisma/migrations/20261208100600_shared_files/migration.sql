-- Stored files every replica shares (core/files): contents once by SHA-256 (stored_file), the render driver's
-- manifests (rendered_manifest), and the documents pointing at their content; storageKey stays for the import of
-- the files still in DATA_DIR/files (core/files/legacy-import.ts).
-- AlterTable
ALTER TABLE "project_document" ADD COLUMN     "contentSha256" TEXT,
ALTER COLUMN "storageKey" DROP NOT NULL;

-- AlterTable
ALTER TABLE "security_document" ADD COLUMN     "contentSha256" TEXT,
ALTER COLUMN "storageKey" DROP NOT NULL;

-- CreateTable
CREATE TABLE "stored_file" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "mediaType" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "storedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stored_file_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "rendered_manifest" (
    "namespace" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentSha256" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rendered_manifest_pkey" PRIMARY KEY ("namespace","fileName")
);

-- CreateIndex
CREATE INDEX "rendered_manifest_contentSha256_idx" ON "rendered_manifest"("contentSha256");

-- CreateIndex
CREATE INDEX "project_document_contentSha256_idx" ON "project_document"("contentSha256");

-- CreateIndex
CREATE INDEX "security_document_contentSha256_idx" ON "security_document"("contentSha256");

-- AddForeignKey
ALTER TABLE "project_document" ADD CONSTRAINT "project_document_contentSha256_fkey" FOREIGN KEY ("contentSha256") REFERENCES "stored_file"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "security_document" ADD CONSTRAINT "security_document_contentSha256_fkey" FOREIGN KEY ("contentSha256") REFERENCES "stored_file"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rendered_manifest" ADD CONSTRAINT "rendered_manifest_contentSha256_fkey" FOREIGN KEY ("contentSha256") REFERENCES "stored_file"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;
