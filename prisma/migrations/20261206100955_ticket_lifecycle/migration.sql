-- CreateEnum
CREATE TYPE "Resolution" AS ENUM ('CONFIRMED', 'UNREACHABLE', 'DUPLICATE', 'REFUSED', 'OTHER');

-- CreateEnum
CREATE TYPE "EscalationKind" AS ENUM ('STOLEN', 'BLOCKED', 'CHECK');

-- AlterEnum: the unused CLOSED becomes RESOLVED (renamed in place, so any existing row keeps
-- working), and EXPIRED is new (set by the scheduler). Written by hand: the generated version
-- recreated the type, which fails on CLOSED rows.
ALTER TYPE "TicketStatus" RENAME VALUE 'CLOSED' TO 'RESOLVED';
ALTER TYPE "TicketStatus" ADD VALUE 'EXPIRED';

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "duplicateOfId" UUID,
ADD COLUMN     "escalatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "expiredAt" TIMESTAMPTZ(3),
ADD COLUMN     "resolution" "Resolution",
ADD COLUMN     "resolutionNote" TEXT,
ADD COLUMN     "resolvedAt" TIMESTAMPTZ(3),
ADD COLUMN     "resolvedById" UUID,
ADD COLUMN     "resolvedFrom" "TicketStatus";

-- CreateTable
CREATE TABLE "Escalation" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "kind" "EscalationKind" NOT NULL,
    "note" TEXT,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "takenById" UUID,
    "takenAt" TIMESTAMPTZ(3),
    "closedById" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "closeNote" TEXT,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" TEXT NOT NULL,
    "nextRunAt" TIMESTAMPTZ(3) NOT NULL,
    "lastRunAt" TIMESTAMPTZ(3),
    "lastResult" JSONB,
    "runs" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Escalation_closedAt_createdAt_idx" ON "Escalation"("closedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Escalation_ticketId_idx" ON "Escalation"("ticketId");

-- CreateIndex
CREATE INDEX "Ticket_escalatedAt_idx" ON "Ticket"("escalatedAt");

-- CreateIndex
CREATE INDEX "Ticket_duplicateOfId_idx" ON "Ticket"("duplicateOfId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_duplicateOfId_fkey" FOREIGN KEY ("duplicateOfId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_takenById_fkey" FOREIGN KEY ("takenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_closedById_fkey" FOREIGN KEY ("closedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
