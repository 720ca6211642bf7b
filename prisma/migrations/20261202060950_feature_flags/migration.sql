-- AlterEnum
ALTER TYPE "operation_kind" ADD VALUE 'flag_set';

-- CreateTable
CREATE TABLE "flag_value" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "release" TEXT NOT NULL,
    "flag" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flag_value_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "flag_value_environment_cluster_release_flag_key" ON "flag_value"("environment", "cluster", "release", "flag");
