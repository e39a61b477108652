import type { Metadata } from "next";
import { AuditSubnav } from "@/components/audit/audit-subnav";
import { FilterForm, FilterInput, FilterSelect } from "@/components/audit/filter-fields";
import { Pager } from "@/components/audit/pager";
import { TicketTable } from "@/components/audit/ticket-table";
import { IgnoredFilters } from "@/components/audit/ignored-filters";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { listStaff } from "@/lib/audit/list-staff";
import { firstParam } from "@/lib/audit/search-params";
import { searchTickets } from "@/lib/audit/search-tickets";
import { parseTicketFilters, TICKET_FILTER_KEYS } from "@/lib/audit/ticket-filters";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import { flaggedReasonCodes } from "@/lib/tickets/checks/read-checks";

export const metadata: Metadata = { title: "Ticket search" };

export default async function AuditTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("SUPERVISOR", "page:/audit/tickets");
  const raw = await searchParams;
  const { filters, invalid } = parseTicketFilters(raw);
  const db = getDb();
  const [page, staff] = await Promise.all([
    searchTickets({ db, filters, after: firstParam(raw, "after"), before: firstParam(raw, "before") }),
    listStaff({ db }),
  ]);
  const kept = Object.fromEntries(TICKET_FILTER_KEYS.map((k) => [k, filters[k]]));
  const exportQuery = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <>
      <PageHeader title="Ticket search" description="Every ticket, newest first. Filters stay in the address bar." />
      <AuditSubnav current="/audit/tickets" />
      <Card>
        <FilterForm action="/audit/tickets" resetHref="/audit/tickets" exportHref={`/api/v1/export/tickets${exportQuery ? `?${exportQuery}` : ""}`}>
          <FilterInput label="From (UTC)" name="from" type="date" value={filters.from} />
          <FilterInput label="To (UTC)" name="to" type="date" value={filters.to} />
          <FilterSelect
            label="Agent"
            name="agent"
            value={filters.agent}
            options={staff.map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (disabled)` }))}
          />
          <FilterSelect
            label="Status"
            name="status"
            value={filters.status}
            options={Object.values(TicketStatus).map((s) => ({ value: s, label: s.toLowerCase() }))}
          />
          <FilterSelect
            label="Decision"
            name="decision"
            value={filters.decision}
            options={Object.values(Decision).map((s) => ({ value: s, label: s.toLowerCase() }))}
          />
          <FilterInput label="Reason code" name="reason" value={filters.reason} placeholder="e.g. CLOCK_AHEAD" />
          <FilterInput label="Serial" name="serial" value={filters.serial} />
          <FilterInput label="Customer email" name="email" type="email" value={filters.email} />
        </FilterForm>
        <IgnoredFilters invalid={invalid} />
      </Card>
      <Card className="mt-4">
        <TicketTable caption="Tickets matching the filters" rows={page.rows.map((r) => ({ ...r, flagged: flaggedReasonCodes(r.checks) }))} />
        <Pager basePath="/audit/tickets" params={kept} next={page.next} prev={page.prev} label="Ticket pages" />
      </Card>
    </>
  );
}
