-- AlterTable
ALTER TABLE "operation" ADD COLUMN     "params" JSONB;
