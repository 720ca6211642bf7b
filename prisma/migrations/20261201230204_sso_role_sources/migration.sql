-- CreateEnum
CREATE TYPE "role_grant_source" AS ENUM ('admin', 'sso');

-- DropIndex
DROP INDEX "role_grant_user_role_environment_key";

-- DropIndex
DROP INDEX "role_grant_user_role_global_key";

-- AlterTable
ALTER TABLE "role_grant" ADD COLUMN     "source" "role_grant_source" NOT NULL DEFAULT 'admin',
ADD COLUMN     "ssoGroup" TEXT;

-- AlterTable
ALTER TABLE "session" ADD COLUMN     "viaSso" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "role_grant_user_role_environment_key" ON "role_grant"("userId", "role", "environment", "source");

-- CreateIndex
CREATE UNIQUE INDEX "role_grant_user_role_global_key" ON "role_grant"("userId", "role", "source") WHERE ("environment" IS NULL);
