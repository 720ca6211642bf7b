-- CreateEnum
CREATE TYPE "canary_state" AS ENUM ('running', 'paused', 'promoted', 'aborted');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "operation_kind" ADD VALUE 'canary_start';
ALTER TYPE "operation_kind" ADD VALUE 'canary_step';
ALTER TYPE "operation_kind" ADD VALUE 'canary_promote';
ALTER TYPE "operation_kind" ADD VALUE 'canary_abort';

-- CreateTable
CREATE TABLE "canary" (
    "id" SERIAL NOT NULL,
    "environment" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "release" TEXT NOT NULL,
    "state" "canary_state" NOT NULL DEFAULT 'running',
    "chartVersion" TEXT,
    "imageTag" TEXT,
    "stepIndex" INTEGER NOT NULL DEFAULT 0,
    "weight" INTEGER NOT NULL DEFAULT 0,
    "stepStartedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "startedById" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "canary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "canary_analysis" (
    "id" SERIAL NOT NULL,
    "canaryId" INTEGER NOT NULL,
    "stepIndex" INTEGER NOT NULL,
    "weight" INTEGER NOT NULL,
    "verdict" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "canary_analysis_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "canary_environment_cluster_release_createdAt_idx" ON "canary"("environment", "cluster", "release", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "canary_one_active_per_release" ON "canary"("cluster", "namespace", "release") WHERE (state = ANY (ARRAY['running'::canary_state, 'paused'::canary_state]));

-- CreateIndex
CREATE INDEX "canary_analysis_canaryId_at_idx" ON "canary_analysis"("canaryId", "at");

-- AddForeignKey
ALTER TABLE "canary_analysis" ADD CONSTRAINT "canary_analysis_canaryId_fkey" FOREIGN KEY ("canaryId") REFERENCES "canary"("id") ON DELETE CASCADE ON UPDATE CASCADE;
