-- Audit filters (lib/audit/ticket-where.ts, lib/audit/event-where.ts): every filter the audit
-- pages offer is served by an index at 1M tickets / 10M events (npm run bench:audit checks the
-- plans with EXPLAIN).

-- The ticket search's decision filter, newest first.
CREATE INDEX "Ticket_decision_createdAt_id_idx" ON "Ticket"("decision", "createdAt", "id");

-- The audit log's serial filter is a prefix ("NVR8-24" finds NVR8-2411-000123). In the "C"
-- collation (byte order) `LIKE 'NVR8-24%'` is a range scan of the existing (serial, seq) btree
-- whatever the database's collation; serials are upper-case A–Z, 0–9 and dashes, so byte order
-- changes nothing a person sees. A collation change rewrites no rows (the hash chain's content is
-- untouched), only the index on the column is rebuilt. Prisma leaves a column's collation alone.
ALTER TABLE "AuditEvent" ALTER COLUMN "serial" TYPE TEXT COLLATE "C";
