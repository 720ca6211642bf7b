-- CreateEnum
CREATE TYPE "promotion_state" AS ENUM ('pending', 'running', 'paused', 'succeeded', 'failed', 'aborted', 'needs_attention');

-- CreateEnum
CREATE TYPE "promotion_step_state" AS ENUM ('pending', 'checking', 'deploying', 'verifying', 'soaking', 'succeeded', 'failed', 'rolled_back', 'skipped', 'needs_attention');

-- CreateEnum
CREATE TYPE "check_phase" AS ENUM ('pre_deploy', 'verify', 'watch');

-- CreateEnum
CREATE TYPE "check_verdict" AS ENUM ('pass', 'warn', 'fail');

-- CreateTable
CREATE TABLE "build" (
    "id" SERIAL NOT NULL,
    "release" TEXT NOT NULL,
    "chart" TEXT NOT NULL,
    "chartName" TEXT NOT NULL,
    "chartVersion" TEXT NOT NULL,
    "chartDigest" TEXT NOT NULL,
    "manifestDigest" TEXT,
    "imageTag" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "build_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion" (
    "id" SERIAL NOT NULL,
    "release" TEXT NOT NULL,
    "fromEnvironment" TEXT,
    "toEnvironment" TEXT NOT NULL,
    "buildId" INTEGER NOT NULL,
    "state" "promotion_state" NOT NULL DEFAULT 'pending',
    "requestedById" TEXT NOT NULL,
    "ticketId" INTEGER,
    "waves" JSONB NOT NULL,
    "pauseRequested" BOOLEAN NOT NULL DEFAULT false,
    "abortRequested" BOOLEAN NOT NULL DEFAULT false,
    "failedCluster" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "promotion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "promotion_step" (
    "id" SERIAL NOT NULL,
    "promotionId" INTEGER NOT NULL,
    "wave" INTEGER NOT NULL,
    "cluster" TEXT NOT NULL,
    "state" "promotion_step_state" NOT NULL DEFAULT 'pending',
    "strategy" TEXT NOT NULL DEFAULT 'standard',
    "revisionBefore" INTEGER,
    "revisionAfter" INTEGER,
    "operationIds" INTEGER[],
    "rollbackOperationId" INTEGER,
    "trigger" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "deployedAt" TIMESTAMP(3),
    "verifiedAt" TIMESTAMP(3),
    "soakUntil" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "promotion_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_result" (
    "id" SERIAL NOT NULL,
    "phase" "check_phase" NOT NULL,
    "name" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "verdict" "check_verdict" NOT NULL,
    "reason" TEXT NOT NULL,
    "blocking" BOOLEAN NOT NULL DEFAULT true,
    "durationMs" INTEGER NOT NULL,
    "evidence" JSONB,
    "environment" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "release" TEXT NOT NULL,
    "revision" INTEGER,
    "operationId" INTEGER,
    "promotionId" INTEGER,
    "stepId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "check_result_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "build_release_digest_tag_key" ON "build"("release", "chartDigest", "imageTag");

-- CreateIndex
CREATE INDEX "promotion_release_createdAt_idx" ON "promotion"("release", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "promotion_state_idx" ON "promotion"("state");

-- CreateIndex
CREATE UNIQUE INDEX "promotion_one_active_per_release" ON "promotion"("release") WHERE (state = ANY (ARRAY['pending'::promotion_state, 'running'::promotion_state, 'paused'::promotion_state]));

-- CreateIndex
CREATE INDEX "promotion_step_promotionId_wave_idx" ON "promotion_step"("promotionId", "wave");

-- CreateIndex
CREATE UNIQUE INDEX "promotion_step_cluster_key" ON "promotion_step"("promotionId", "cluster");

-- CreateIndex
CREATE INDEX "check_result_environment_cluster_release_at_idx" ON "check_result"("environment", "cluster", "release", "at" DESC);

-- CreateIndex
CREATE INDEX "check_result_operationId_idx" ON "check_result"("operationId");

-- CreateIndex
CREATE INDEX "check_result_promotionId_idx" ON "check_result"("promotionId");

-- CreateIndex
CREATE INDEX "check_result_stepId_idx" ON "check_result"("stepId");

-- AddForeignKey
ALTER TABLE "promotion" ADD CONSTRAINT "promotion_buildId_fkey" FOREIGN KEY ("buildId") REFERENCES "build"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "promotion_step" ADD CONSTRAINT "promotion_step_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "promotion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_result" ADD CONSTRAINT "check_result_promotionId_fkey" FOREIGN KEY ("promotionId") REFERENCES "promotion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_result" ADD CONSTRAINT "check_result_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "promotion_step"("id") ON DELETE CASCADE ON UPDATE CASCADE;
