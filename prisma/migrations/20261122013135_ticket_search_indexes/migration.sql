-- CreateIndex
CREATE INDEX "Ticket_checks_idx" ON "Ticket" USING GIN ("checks" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "Ticket_status_createdAt_id_idx" ON "Ticket"("status", "createdAt", "id");
