import type { Metadata } from "next";
import { AuditSubnav } from "@/components/audit/audit-subnav";
import { FilterCombobox } from "@/components/audit/filter-combobox";
import { FilterForm, FilterInput } from "@/components/audit/filter-fields";
import { Pager } from "@/components/audit/pager";
import { TicketTable } from "@/components/audit/ticket-table";
import { IgnoredFilters } from "@/components/audit/ignored-filters";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { decisionOptions, reasonOptions, staffOptions, statusOptions } from "@/lib/audit/filter-options";
import { listStaff } from "@/lib/audit/list-staff";
import { filterQuery, firstParam } from "@/lib/audit/search-params";
import { searchTickets } from "@/lib/audit/search-tickets";
import { parseTicketFilters, TICKET_FILTER_LABELS as L } from "@/lib/audit/ticket-filters";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { flaggedReasonCodes } from "@/lib/tickets/checks/read-checks";

export const metadata: Metadata = { title: "Ticket search" };

export default async function AuditTicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("SUPERVISOR", "page:/audit/tickets");
  const raw = await searchParams;
  const { filters, invalid, typed, kept } = parseTicketFilters(raw);
  const db = getDb();
  const [page, staff] = await Promise.all([
    searchTickets({ db, filters, after: firstParam(raw, "after"), before: firstParam(raw, "before") }),
    listStaff({ db }),
  ]);
  const exportQuery = filterQuery(kept);
  return (
    <>
      <PageHeader title="Ticket search" description="Every ticket, newest first. Filters stay in the address bar." />
      <AuditSubnav current="/audit/tickets" />
      <Card>
        <FilterForm action="/audit/tickets" resetHref="/audit/tickets" exportHref={`/api/v1/export/tickets${exportQuery ? `?${exportQuery}` : ""}`}>
          <FilterInput label={L.from} name="from" type="date" value={typed.from} />
          <FilterInput label={L.to} name="to" type="date" value={typed.to} />
          <FilterInput label={L.ticket} name="ticket" value={typed.ticket} placeholder="RT-000042" />
          <FilterCombobox label={L.agent} name="agent" value={filters.agent} options={staffOptions(staff)} />
          <FilterCombobox label={L.status} name="status" value={filters.status} options={statusOptions()} />
          <FilterCombobox label={L.decision} name="decision" value={filters.decision} options={decisionOptions()} />
          <FilterCombobox label={L.reason} name="reason" value={filters.reason} options={reasonOptions()} />
          <FilterInput label={L.serial} name="serial" value={typed.serial} placeholder="NVR8-2411" />
          <FilterInput label={L.email} name="email" value={typed.email} placeholder="kim.lee@" />
        </FilterForm>
        <IgnoredFilters labels={invalid.map((k) => L[k])} />
      </Card>
      <Card className="mt-4">
        <TicketTable caption="Tickets matching the filters" rows={page.rows.map((r) => ({ ...r, flagged: flaggedReasonCodes(r.checks) }))} />
        <Pager basePath="/audit/tickets" params={kept} next={page.next} prev={page.prev} label="Ticket pages" />
      </Card>
    </>
  );
}
