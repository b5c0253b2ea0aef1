-- The audit chain is keyed (HMAC-SM3 with a key held outside the database; core/audit/keys.ts): each record names
-- the key id its hash was made with. The records written before keep their plain SM3 hashes and are marked
-- 'legacy-sm3' by the column's default as it is added (no UPDATE: the append-only trigger stays as it is); later
-- records always name a key, so verification accepts legacy records only as the chain's first run (and, once a
-- signed checkpoint names the boundary, only up to it: core/audit/chain.ts).
ALTER TABLE "audit_event" ADD COLUMN "keyId" TEXT NOT NULL DEFAULT 'legacy-sm3';
ALTER TABLE "audit_event" ALTER COLUMN "keyId" DROP DEFAULT;
