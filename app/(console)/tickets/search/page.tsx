import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StatusBadge } from "@/components/tickets/status-badge";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { NAME_FRAGMENT_MIN } from "@/lib/tickets/search/parse-search-query";
import { directHit, SEARCH_LIMIT, searchTickets, type SearchMatch } from "@/lib/tickets/search/search-tickets";

export const metadata: Metadata = { title: "Search tickets" };

const MATCHED: Record<SearchMatch, string> = { number: "RT number", serial: "Serial", email: "Email", name: "Name" };

export default async function TicketSearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("AGENT", "page:/tickets/search");
  const { q } = await searchParams;
  const result = await searchTickets({ db: getDb(), actor: user, q: Array.isArray(q) ? q[0] : q });
  const direct = directHit(result);
  if (direct) redirect(`/tickets/${direct.id}`);
  const text = result.query?.text;

  return (
    <>
      <PageHeader
        title="Search results"
        description={
          text ? (
            <>
              {result.hits.length === 0 ? "No tickets" : `${result.hits.length}${result.hits.length >= SEARCH_LIMIT ? "+" : ""} tickets`} you can see match{" "}
              <q className="font-medium text-slate-900">{text}</q>: RT number first, then serial or email prefixes, then names.
            </>
          ) : (
            "Type an RT number (RT-000042, 42), a serial or its start, a customer email or its start, or part of a name, then Enter."
          )
        }
      />
      {text ? (
        <Card>
          {result.hits.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing matches. Names match from {NAME_FRAGMENT_MIN} letters; serials and emails match from their start.</p>
          ) : (
            <DataTable caption="Matching tickets, best match first" columns={["Ticket", "Customer", "Email", "Recorder", "Status", "Opened", "Matched"]}>
              <tbody className="divide-y divide-slate-100">
                {result.hits.map((hit) => (
                  <tr key={hit.id} className="hover:bg-slate-50 focus-within:bg-brand-50">
                    <td className="py-2">
                      <Link href={`/tickets/${hit.id}`} data-queue-link className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {hit.ref}
                      </Link>
                    </td>
                    <td>{hit.customerName}</td>
                    <td className="text-slate-600">{hit.customerEmail}</td>
                    <td className="font-mono text-xs">{hit.serial ?? "—"}</td>
                    <td>
                      <StatusBadge status={hit.status} />
                    </td>
                    <td className="whitespace-nowrap text-slate-600">{hit.createdAt.toISOString().slice(0, 10)}</td>
                    <td className="text-xs text-slate-600">
                      {MATCHED[hit.match]}
                      {hit.exact && hit.match !== "number" ? " (exact)" : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Card>
      ) : null}
    </>
  );
}
