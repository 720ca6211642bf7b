-- AlterTable
ALTER TABLE "operation" ADD COLUMN     "chartDigest" TEXT;
