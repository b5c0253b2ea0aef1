-- AlterTable: job log lines become a message code with parameters (rendered in the reader's language) and the
-- engine's own words as detail; lines written before keep their text in "message"
ALTER TABLE "job_event" ADD COLUMN     "code" TEXT,
ADD COLUMN     "detail" TEXT,
ADD COLUMN     "params" JSONB,
ALTER COLUMN "message" DROP NOT NULL;

-- the platform's own note on a rendered resource is kept as its code (provisioners/resource-states.ts)
UPDATE "provisioned_resource" SET "detail" = 'resource.note.rendered'
WHERE "detail" = '已生成清单，待运维人员应用 / manifests rendered, waiting to be applied';
