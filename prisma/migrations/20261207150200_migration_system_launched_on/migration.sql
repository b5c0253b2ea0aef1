-- AlterTable: 上线日期, a calendar date YYYY-MM-DD (Asia/Shanghai), as the register's other dates
ALTER TABLE "migration_system" ADD COLUMN "launchedOn" TEXT;
