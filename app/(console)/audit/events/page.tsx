import type { Metadata } from "next";
import { AuditSubnav } from "@/components/audit/audit-subnav";
import { EventTable } from "@/components/audit/event-table";
import { FilterCombobox } from "@/components/audit/filter-combobox";
import { FilterForm, FilterInput } from "@/components/audit/filter-fields";
import { Pager } from "@/components/audit/pager";
import { IgnoredFilters } from "@/components/audit/ignored-filters";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { describeAction } from "@/lib/audit/describe-action";
import { EVENT_FILTER_LABELS as L, parseEventFilters } from "@/lib/audit/event-filters";
import { actionOptions, staffOptions } from "@/lib/audit/filter-options";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { listStaff } from "@/lib/audit/list-staff";
import { filterQuery, firstParam } from "@/lib/audit/search-params";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("SUPERVISOR", "page:/audit/events");
  const raw = await searchParams;
  const { filters, invalid, typed, kept } = parseEventFilters(raw);
  const db = getDb();
  const [page, staff] = await Promise.all([
    listAuditEvents({ db, filters, after: firstParam(raw, "after"), before: firstParam(raw, "before") }),
    listStaff({ db }),
  ]);
  const exportQuery = filterQuery(kept);
  return (
    <>
      <PageHeader title="Audit log" description="Every recorded event, newest first, times in UTC." />
      <AuditSubnav current="/audit/events" />
      <Card>
        <FilterForm action="/audit/events" resetHref="/audit/events" exportHref={`/api/v1/export/audit${exportQuery ? `?${exportQuery}` : ""}`}>
          <FilterInput label={L.from} name="from" type="date" value={typed.from} />
          <FilterInput label={L.to} name="to" type="date" value={typed.to} />
          <FilterCombobox label={L.actor} name="actor" value={filters.actor} options={staffOptions(staff)} />
          <FilterCombobox label={L.action} name="action" value={filters.action} options={actionOptions()} />
          <FilterInput label={L.ticket} name="ticket" value={typed.ticket} placeholder="RT-000042" />
          <FilterInput label={L.serial} name="serial" value={typed.serial} placeholder="NVR8-2411" />
        </FilterForm>
        <IgnoredFilters labels={invalid.map((k) => L[k])} />
      </Card>
      <Card className="mt-4">
        <EventTable caption="Audit events matching the filters" rows={page.rows.map((e) => ({ ...e, words: describeAction(e.action) }))} />
        <Pager basePath="/audit/events" params={kept} next={page.next} prev={page.prev} label="Audit log pages" />
      </Card>
    </>
  );
}
