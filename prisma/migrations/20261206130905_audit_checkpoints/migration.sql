-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "number" BIGINT NOT NULL,
    "eventSeq" BIGINT NOT NULL,
    "eventHash" TEXT NOT NULL,
    "eventAt" TIMESTAMPTZ(3) NOT NULL,
    "eventCount" BIGINT NOT NULL,
    "previous" TEXT NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "keyId" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditCheckpoint_pkey" PRIMARY KEY ("number")
);

-- CreateIndex
CREATE UNIQUE INDEX "AuditCheckpoint_hash_key" ON "AuditCheckpoint"("hash");

-- CreateIndex
CREATE INDEX "AuditCheckpoint_eventSeq_idx" ON "AuditCheckpoint"("eventSeq");

-- The refusal names the table it guards (it now guards two).
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$ LANGUAGE plpgsql;

-- Checkpoints are append-only like the events they sign (the same refusing function). Deleting
-- or editing one as a superuser is caught by verify: the numbers have a gap, the next one names
-- a hash that is gone, the signature fails, or the exported copy differs.
CREATE TRIGGER "AuditCheckpoint_no_update_delete"
  BEFORE UPDATE OR DELETE ON "AuditCheckpoint"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditCheckpoint_no_truncate"
  BEFORE TRUNCATE ON "AuditCheckpoint"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
