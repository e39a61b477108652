-- CreateTable
CREATE TABLE "TicketEvidence" (
    "id" UUID NOT NULL,
    "ticketId" UUID NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "originalSha256" TEXT NOT NULL,
    "uploadedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketEvidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewPresence" (
    "ticketId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewPresence_pkey" PRIMARY KEY ("ticketId","userId")
);

-- CreateIndex
CREATE INDEX "TicketEvidence_ticketId_createdAt_idx" ON "TicketEvidence"("ticketId", "createdAt");

-- CreateIndex
CREATE INDEX "TicketEvidence_createdAt_idx" ON "TicketEvidence"("createdAt");

-- CreateIndex
CREATE INDEX "ReviewPresence_seenAt_idx" ON "ReviewPresence"("seenAt");

-- AddForeignKey
ALTER TABLE "TicketEvidence" ADD CONSTRAINT "TicketEvidence_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketEvidence" ADD CONSTRAINT "TicketEvidence_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewPresence" ADD CONSTRAINT "ReviewPresence_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewPresence" ADD CONSTRAINT "ReviewPresence_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Review claim indicator: a supervisor opening (insert) or leaving (delete) a ticket's review page
-- is announced on the live channel with kind 'presence', so the other supervisors' pages for that
-- ticket refresh within a second, whichever instance served them. Heartbeats (updates) announce
-- nothing; a lapsed row simply stops counting. Same payload shape as ticket_events_notify.
CREATE OR REPLACE FUNCTION "review_presence_notify"() RETURNS trigger AS $$
DECLARE
  t RECORD;
  row_ticket UUID;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_ticket := OLD."ticketId";
  ELSE
    row_ticket := NEW."ticketId";
  END IF;
  SELECT "id", "number", "status", "assigneeId", "createdById" INTO t FROM "Ticket" WHERE "id" = row_ticket;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  PERFORM pg_notify('ticket_events', json_build_object(
    'ticketId', t."id",
    'number', t."number",
    'status', t."status",
    'previousStatus', t."status",
    'assigneeId', t."assigneeId",
    'previousAssigneeId', t."assigneeId",
    'createdById', t."createdById",
    'kind', 'presence'
  )::TEXT);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ReviewPresence_notify_change"
  AFTER INSERT OR DELETE ON "ReviewPresence"
  FOR EACH ROW EXECUTE FUNCTION "review_presence_notify"();
