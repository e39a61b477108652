import { exportTicketsCsv } from "@/lib/audit/export/export-tickets-csv";
import { TICKET_FILTER_LABELS, parseTicketFilters } from "@/lib/audit/ticket-filters";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { csvResponse } from "../csv-response";

/** Streams the tickets matching the same filters as /audit/tickets as CSV (supervisors only; audited). */
export const GET = guardedRoute(
  "SUPERVISOR",
  "api:GET /api/v1/export/tickets",
  async (request, user) => {
    const { filters, invalid } = parseTicketFilters(new URL(request.url).searchParams);
    // An export is a record of what was asked for: a filter we could not read is an error, never silently dropped.
    if (invalid.length) throw new AppError("INVALID_INPUT", `Invalid filters: ${invalid.map((k) => TICKET_FILTER_LABELS[k]).join(", ")}.`);
    const exported = await exportTicketsCsv({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, filters });
    return csvResponse(exported);
  },
  { scope: "audit:read" },
);
