-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "rawChallenge" TEXT;
