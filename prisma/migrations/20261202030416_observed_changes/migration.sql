-- CreateTable
CREATE TABLE "observed_change" (
    "id" SERIAL NOT NULL,
    "cluster" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "release" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "secretUid" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observed_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "observed_cluster" (
    "cluster" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observed_cluster_pkey" PRIMARY KEY ("cluster")
);

-- CreateIndex
CREATE INDEX "observed_change_cluster_namespace_release_idx" ON "observed_change"("cluster", "namespace", "release");

-- CreateIndex
CREATE UNIQUE INDEX "observed_change_cluster_secretUid_key" ON "observed_change"("cluster", "secretUid");

-- CreateIndex
CREATE INDEX "operation_updatedAt_idx" ON "operation"("updatedAt");
