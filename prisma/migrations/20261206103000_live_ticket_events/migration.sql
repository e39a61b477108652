-- Live console: every committed change to a ticket (and every new note on one) is announced on
-- the "ticket_events" channel, so each app instance's one listening connection can tell its
-- browsers within a second, whichever instance (or worker) made the change. The payload is only
-- what the per-user filter and the pages need: ids, number, status and kind, never customer data.
-- "previous*" is the ticket just before the change (null for a new ticket; unchanged for a note).
-- NOTIFY is transactional: nothing is sent for a rolled-back change, and the same payload twice
-- in one transaction is sent once.
CREATE OR REPLACE FUNCTION "ticket_events_notify"() RETURNS trigger AS $$
DECLARE
  t RECORD;
  kind TEXT;
  previous_status TEXT := NULL;
  previous_assignee UUID := NULL;
BEGIN
  IF TG_TABLE_NAME = 'TicketNote' THEN
    SELECT "id", "number", "status", "assigneeId", "createdById" INTO t FROM "Ticket" WHERE "id" = NEW."ticketId";
    IF NOT FOUND THEN
      RETURN NULL;
    END IF;
    -- A note changes nothing on the ticket: "before" is the ticket as it is.
    previous_status := t."status"::TEXT;
    previous_assignee := t."assigneeId";
    kind := 'note';
  ELSE
    t := NEW;
    IF TG_OP = 'INSERT' THEN
      kind := 'created';
    ELSE
      previous_status := OLD."status"::TEXT;
      previous_assignee := OLD."assigneeId";
      IF OLD."status" IS DISTINCT FROM NEW."status" THEN
        kind := 'status';
      ELSIF OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId" THEN
        kind := 'assigned';
      ELSE
        kind := 'updated';
      END IF;
    END IF;
  END IF;
  PERFORM pg_notify('ticket_events', json_build_object(
    'ticketId', t."id",
    'number', t."number",
    'status', t."status",
    'previousStatus', previous_status,
    'assigneeId', t."assigneeId",
    'previousAssigneeId', previous_assignee,
    'createdById', t."createdById",
    'kind', kind
  )::TEXT);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Ticket_notify_change"
  AFTER INSERT OR UPDATE ON "Ticket"
  FOR EACH ROW EXECUTE FUNCTION "ticket_events_notify"();

CREATE TRIGGER "TicketNote_notify_change"
  AFTER INSERT ON "TicketNote"
  FOR EACH ROW EXECUTE FUNCTION "ticket_events_notify"();
