-- One numbering table for every number the platform gives out (core/db/counters.ts), replacing the per-organisation
-- migration_code_counter. Each numbering starts where the data already stands, so no number is given twice.

-- CreateTable
CREATE TABLE "number_counter" (
    "key" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "number_counter_pkey" PRIMARY KEY ("key")
);

-- an organisation's system codes (<org>-XT-0001): the counters as they were
INSERT INTO "number_counter" ("key", "last")
SELECT 'migration-system:' || "orgId"::text, "lastSeq" FROM "migration_code_counter";

-- catalog revisions: the highest number given so far
INSERT INTO "number_counter" ("key", "last")
SELECT 'catalog-revision', MAX("number") FROM "catalog_revision" HAVING MAX("number") IS NOT NULL;

-- approval numbers (运审信〔2026〕007号): the highest of each year
INSERT INTO "number_counter" ("key", "last")
SELECT 'approval-number:' || m[1], MAX(m[2]::int)
FROM (SELECT regexp_match("approvalNumber", '^运审信〔(\d{4})〕(\d+)号$') AS m FROM "project" WHERE "approvalNumber" IS NOT NULL) AS n
WHERE m IS NOT NULL
GROUP BY m[1];

-- DropTable
DROP TABLE "migration_code_counter";
