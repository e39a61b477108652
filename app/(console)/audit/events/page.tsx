import type { Metadata } from "next";
import { AuditSubnav } from "@/components/audit/audit-subnav";
import { EventTable } from "@/components/audit/event-table";
import { FilterForm, FilterInput, FilterSelect } from "@/components/audit/filter-fields";
import { Pager } from "@/components/audit/pager";
import { IgnoredFilters } from "@/components/audit/ignored-filters";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { describeAction } from "@/lib/audit/describe-action";
import { EVENT_FILTER_KEYS, parseEventFilters } from "@/lib/audit/event-filters";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listStaff } from "@/lib/audit/list-staff";
import { firstParam } from "@/lib/audit/search-params";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("SUPERVISOR", "page:/audit/events");
  const raw = await searchParams;
  const { filters, invalid } = parseEventFilters(raw);
  const db = getDb();
  const [page, staff] = await Promise.all([
    listAuditEvents({ db, filters, after: firstParam(raw, "after"), before: firstParam(raw, "before") }),
    listStaff({ db }),
  ]);
  const kept = Object.fromEntries(EVENT_FILTER_KEYS.map((k) => [k, filters[k]]));
  const exportQuery = new URLSearchParams(Object.entries(kept).filter((e): e is [string, string] => !!e[1])).toString();
  return (
    <>
      <PageHeader title="Audit log" description="Every recorded event, newest first, times in UTC." />
      <AuditSubnav current="/audit/events" />
      <Card>
        <FilterForm action="/audit/events" resetHref="/audit/events" exportHref={`/api/v1/export/audit${exportQuery ? `?${exportQuery}` : ""}`}>
          <FilterInput label="From (UTC)" name="from" type="date" value={filters.from} />
          <FilterInput label="To (UTC)" name="to" type="date" value={filters.to} />
          <FilterSelect label="Actor" name="actor" value={filters.actor} options={staff.map((s) => ({ value: s.id, label: s.name }))} />
          <FilterInput label="Action" name="action" value={filters.action} placeholder="e.g. review.approved" />
          <FilterInput label="Ticket id" name="ticket" value={filters.ticket} />
          <FilterInput label="Serial" name="serial" value={filters.serial} />
        </FilterForm>
        <IgnoredFilters invalid={invalid} />
      </Card>
      <Card className="mt-4">
        <EventTable caption="Audit events matching the filters" rows={page.rows.map((e) => ({ ...e, words: describeAction(e.action) }))} />
        <Pager basePath="/audit/events" params={kept} next={page.next} prev={page.prev} label="Audit log pages" />
      </Card>
    </>
  );
}
