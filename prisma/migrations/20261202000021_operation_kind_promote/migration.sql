-- AlterEnum
ALTER TYPE "operation_kind" ADD VALUE 'promote';
