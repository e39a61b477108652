-- AlterTable
ALTER TABLE "UserSession" ADD COLUMN     "idpAcr" TEXT,
ADD COLUMN     "idpAmr" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "idpCheckedAt" TIMESTAMPTZ(3),
ADD COLUMN     "idpTokens" TEXT,
ADD COLUMN     "ssoRole" "Role",
ADD COLUMN     "ssoSubject" TEXT;
