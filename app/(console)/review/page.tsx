import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listReviewQueue } from "@/lib/review/list-review-queue";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { formatUtc } from "@/lib/time";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  const user = await requirePageUser("SUPERVISOR", "page:/review");
  const queue = await listReviewQueue({ db: getDb(), viewerId: user.id });
  return (
    <>
      <PageHeader title="Review queue" description="Tickets waiting for a second person, the challenge that expires first on top." />
      <Card>
        {queue.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing waiting for review.</p>
        ) : (
          <DataTable caption="Tickets waiting for review" columns={["Ticket", "Expires (UTC)", "Flags", "Serial", "Customer", "Opened by"]} spaced>
            <tbody className="divide-y divide-slate-100">
              {queue.map((t) => (
                <tr key={t.id}>
                  <td className="py-2 pr-3 font-medium">
                    <Link href={`/review/${t.id}`} className="text-brand-700 underline">
                      {ticketRef(t.number)}
                    </Link>
                  </td>
                  <td className="pr-3 whitespace-nowrap">{formatUtc(t.expiresAt, { seconds: true })}</td>
                  <td className="pr-3 text-xs">{t.flagged.join(", ") || "—"}</td>
                  <td className="pr-3">{t.serial ?? "—"}</td>
                  <td className="pr-3">{t.customerName}</td>
                  <td>
                    {t.createdByName}
                    {t.ownTicket ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs">yours: another supervisor decides</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Card>
    </>
  );
}
