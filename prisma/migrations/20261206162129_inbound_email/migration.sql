-- CreateEnum
CREATE TYPE "InboundSource" AS ENUM ('SMTP', 'IMAP');

-- CreateEnum
CREATE TYPE "InboundOutcome" AS ENUM ('TICKET', 'NEEDS_PHOTO', 'THREADED', 'IGNORED');

-- AlterEnum
ALTER TYPE "TicketStatus" ADD VALUE 'NEEDS_PHOTO';

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" UUID NOT NULL,
    "messageId" TEXT NOT NULL,
    "source" "InboundSource" NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "fromName" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "inReplyTo" TEXT,
    "references" TEXT[],
    "authResults" TEXT[],
    "images" INTEGER NOT NULL DEFAULT 0,
    "outcome" "InboundOutcome" NOT NULL,
    "note" TEXT,
    "ticketId" UUID,
    "acceptedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_messageId_key" ON "InboundMessage"("messageId");

-- CreateIndex
CREATE INDEX "InboundMessage_ticketId_createdAt_idx" ON "InboundMessage"("ticketId", "createdAt");

-- AddForeignKey
ALTER TABLE "InboundMessage" ADD CONSTRAINT "InboundMessage_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
