import { EVENT_FILTER_LABELS, parseEventFilters } from "@/lib/audit/event-filters";
import { exportAuditCsv } from "@/lib/audit/export/export-audit-csv";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { guardedRoute } from "@/lib/http/route";
import { csvResponse } from "../csv-response";

/** Streams the audit events matching the same filters as /audit/events as CSV (supervisors only; audited). */
export const GET = guardedRoute(
  "SUPERVISOR",
  "api:GET /api/v1/export/audit",
  async (request, user) => {
    const { filters, invalid } = parseEventFilters(new URL(request.url).searchParams);
    if (invalid.length) throw new AppError("INVALID_INPUT", `Invalid filters: ${invalid.map((k) => EVENT_FILTER_LABELS[k]).join(", ")}.`);
    const exported = await exportAuditCsv({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, filters });
    return csvResponse(exported);
  },
  { scope: "audit:read" },
);
