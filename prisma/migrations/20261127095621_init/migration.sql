-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "role" AS ENUM ('viewer', 'release_manager', 'approver', 'admin');

-- CreateEnum
CREATE TYPE "operation_kind" AS ENUM ('install', 'upgrade', 'rollback', 'uninstall', 'test', 'recover');

-- CreateEnum
CREATE TYPE "operation_state" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'needs_recovery', 'cancelled');

-- CreateEnum
CREATE TYPE "audit_outcome" AS ENUM ('intent', 'succeeded', 'failed', 'denied');

-- CreateEnum
CREATE TYPE "ticket_state" AS ENUM ('draft', 'pending', 'approved', 'rejected', 'expired', 'scheduled', 'deployed', 'cancelled');

-- CreateEnum
CREATE TYPE "ticket_risk" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateEnum
CREATE TYPE "approval_decision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "webhook_delivery_state" AS ENUM ('pending', 'delivered', 'failed');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "lastRequest" BIGINT NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "role_grant" (
    "id" SERIAL NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "role" NOT NULL,
    "environment" TEXT,
    "grantedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "role_grant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operation" (
    "id" SERIAL NOT NULL,
    "kind" "operation_kind" NOT NULL,
    "state" "operation_state" NOT NULL DEFAULT 'queued',
    "environment" TEXT NOT NULL,
    "cluster" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "release" TEXT NOT NULL,
    "revisionBefore" INTEGER,
    "revisionAfter" INTEGER,
    "targetRevision" INTEGER,
    "chart" TEXT,
    "chartVersion" TEXT,
    "imageTag" TEXT,
    "valuesDigest" TEXT,
    "requestedById" TEXT NOT NULL,
    "ticketId" INTEGER,
    "breakGlassReason" TEXT,
    "jobId" TEXT,
    "progress" TEXT,
    "exitStatus" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "operation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "operation_log" (
    "id" BIGSERIAL NOT NULL,
    "operationId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stream" TEXT NOT NULL,
    "line" TEXT NOT NULL,

    CONSTRAINT "operation_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_record" (
    "seq" BIGSERIAL NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "outcome" "audit_outcome" NOT NULL,
    "environment" TEXT,
    "cluster" TEXT,
    "namespace" TEXT,
    "release" TEXT,
    "revisionBefore" INTEGER,
    "revisionAfter" INTEGER,
    "chart" TEXT,
    "chartVersion" TEXT,
    "valuesDigest" TEXT,
    "ticketId" INTEGER,
    "operationId" INTEGER,
    "durationMs" INTEGER,
    "exitStatus" INTEGER,
    "error" TEXT,
    "details" JSONB,

    CONSTRAINT "audit_record_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "change_ticket" (
    "id" SERIAL NOT NULL,
    "release" TEXT NOT NULL,
    "environment" TEXT NOT NULL,
    "clusters" TEXT[],
    "chart" TEXT,
    "chartVersion" TEXT,
    "imageTag" TEXT,
    "values" TEXT,
    "valuesDigest" TEXT,
    "renderedDiff" TEXT,
    "contentHash" TEXT NOT NULL,
    "rollbackPlan" TEXT,
    "rollbackTo" INTEGER,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "windowTimezone" TEXT,
    "stakeholders" TEXT[],
    "externalRef" TEXT,
    "risk" "ticket_risk" NOT NULL DEFAULT 'medium',
    "title" TEXT,
    "description" TEXT,
    "state" "ticket_state" NOT NULL DEFAULT 'draft',
    "requesterId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "deployedAt" TIMESTAMP(3),

    CONSTRAINT "change_ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval" (
    "id" SERIAL NOT NULL,
    "ticketId" INTEGER NOT NULL,
    "approverId" TEXT NOT NULL,
    "decision" "approval_decision" NOT NULL,
    "comment" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "voidedAt" TIMESTAMP(3),

    CONSTRAINT "approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_delivery" (
    "id" TEXT NOT NULL,
    "webhook" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "webhook_delivery_state" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "ticketId" INTEGER,
    "operationId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE UNIQUE INDEX "rate_limit_key_key" ON "rate_limit"("key");

-- CreateIndex
CREATE INDEX "role_grant_userId_idx" ON "role_grant"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "role_grant_user_role_environment_key" ON "role_grant"("userId", "role", "environment");

-- CreateIndex
CREATE UNIQUE INDEX "role_grant_user_role_global_key" ON "role_grant"("userId", "role") WHERE ("environment" IS NULL);

-- CreateIndex
CREATE UNIQUE INDEX "api_token_tokenHash_key" ON "api_token"("tokenHash");

-- CreateIndex
CREATE INDEX "api_token_userId_idx" ON "api_token"("userId");

-- CreateIndex
CREATE INDEX "operation_environment_cluster_namespace_release_createdAt_idx" ON "operation"("environment", "cluster", "namespace", "release", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "operation_state_idx" ON "operation"("state");

-- CreateIndex
CREATE INDEX "operation_requestedById_idx" ON "operation"("requestedById");

-- CreateIndex
CREATE INDEX "operation_ticketId_idx" ON "operation"("ticketId");

-- CreateIndex
CREATE INDEX "operation_createdAt_idx" ON "operation"("createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "operation_one_active_per_release" ON "operation"("cluster", "namespace", "release") WHERE (state = ANY (ARRAY['queued'::operation_state, 'running'::operation_state]));

-- CreateIndex
CREATE INDEX "operation_log_operationId_id_idx" ON "operation_log"("operationId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "audit_record_hash_key" ON "audit_record"("hash");

-- CreateIndex
CREATE INDEX "audit_record_at_idx" ON "audit_record"("at");

-- CreateIndex
CREATE INDEX "audit_record_actor_at_idx" ON "audit_record"("actor", "at");

-- CreateIndex
CREATE INDEX "audit_record_action_at_idx" ON "audit_record"("action", "at");

-- CreateIndex
CREATE INDEX "audit_record_environment_release_at_idx" ON "audit_record"("environment", "release", "at");

-- CreateIndex
CREATE INDEX "audit_record_outcome_at_idx" ON "audit_record"("outcome", "at");

-- CreateIndex
CREATE INDEX "audit_record_operationId_idx" ON "audit_record"("operationId");

-- CreateIndex
CREATE INDEX "audit_record_ticketId_idx" ON "audit_record"("ticketId");

-- CreateIndex
CREATE INDEX "change_ticket_state_environment_idx" ON "change_ticket"("state", "environment");

-- CreateIndex
CREATE INDEX "change_ticket_release_environment_idx" ON "change_ticket"("release", "environment");

-- CreateIndex
CREATE INDEX "change_ticket_requesterId_idx" ON "change_ticket"("requesterId");

-- CreateIndex
CREATE INDEX "change_ticket_externalRef_idx" ON "change_ticket"("externalRef");

-- CreateIndex
CREATE INDEX "approval_ticketId_createdAt_idx" ON "approval"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "approval_approverId_idx" ON "approval"("approverId");

-- CreateIndex
CREATE INDEX "webhook_delivery_state_nextAttemptAt_idx" ON "webhook_delivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "webhook_delivery_event_createdAt_idx" ON "webhook_delivery"("event", "createdAt");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation" ADD CONSTRAINT "operation_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation" ADD CONSTRAINT "operation_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "change_ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "operation_log" ADD CONSTRAINT "operation_log_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "operation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "change_ticket" ADD CONSTRAINT "change_ticket_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval" ADD CONSTRAINT "approval_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "change_ticket"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval" ADD CONSTRAINT "approval_approverId_fkey" FOREIGN KEY ("approverId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
