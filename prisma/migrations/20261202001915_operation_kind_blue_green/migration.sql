-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "operation_kind" ADD VALUE 'deploy_idle';
ALTER TYPE "operation_kind" ADD VALUE 'test_idle';
ALTER TYPE "operation_kind" ADD VALUE 'switch_traffic';
ALTER TYPE "operation_kind" ADD VALUE 'switch_back';
ALTER TYPE "operation_kind" ADD VALUE 'retire_colour';
