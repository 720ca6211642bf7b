-- AlterTable
ALTER TABLE "webhook_delivery" ADD COLUMN     "attemptLog" JSONB NOT NULL DEFAULT '[]';
