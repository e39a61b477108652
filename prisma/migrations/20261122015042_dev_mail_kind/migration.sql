-- AlterTable
ALTER TABLE "DevMail" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT '';
