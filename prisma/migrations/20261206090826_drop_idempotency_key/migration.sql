-- DropTable
DROP TABLE "idempotency_key";
