-- AlterTable
ALTER TABLE "CodeIssue" ADD COLUMN     "serial" TEXT;

-- Backfill: every code issued so far gets its ticket's serial (new issues set it themselves).
UPDATE "CodeIssue" c SET "serial" = t."serial" FROM "Ticket" t WHERE t."id" = c."ticketId" AND t."serial" IS NOT NULL;

-- DropIndex
DROP INDEX "CodeIssue_issuedAt_idx";

-- CreateIndex
CREATE INDEX "CodeIssue_issuedAt_serial_idx" ON "CodeIssue"("issuedAt", "serial");
