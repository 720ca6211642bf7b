-- CreateTable
CREATE TABLE "sso_profile" (
    "userId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "groups" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sso_profile_pkey" PRIMARY KEY ("userId")
);

-- AddForeignKey
ALTER TABLE "sso_profile" ADD CONSTRAINT "sso_profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
