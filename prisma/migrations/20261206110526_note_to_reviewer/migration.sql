-- AlterTable
ALTER TABLE "TicketNote" ADD COLUMN     "toReviewer" BOOLEAN NOT NULL DEFAULT false;
