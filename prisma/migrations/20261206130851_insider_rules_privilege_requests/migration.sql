-- CreateEnum
CREATE TYPE "PrivilegeChange" AS ENUM ('ROLE', 'REACTIVATE', 'INVITE');

-- CreateEnum
CREATE TYPE "PrivilegeRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- CreateTable
CREATE TABLE "PrivilegeRequest" (
    "id" UUID NOT NULL,
    "change" "PrivilegeChange" NOT NULL,
    "userId" UUID,
    "role" "Role",
    "email" TEXT,
    "name" TEXT,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "PrivilegeRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PrivilegeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrivilegeRequest_status_requestedAt_idx" ON "PrivilegeRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "PrivilegeRequest_userId_status_decidedAt_idx" ON "PrivilegeRequest"("userId", "status", "decidedAt");
