import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Tickets" };

export default async function TicketsPage() {
  await requirePageUser("AGENT", "page:/tickets");
  return (
    <>
      <PageHeader title="Ticket queue" description="Reset requests, most urgent first." />
      <Card>
        <p className="text-sm text-slate-600">No tickets yet.</p>
      </Card>
    </>
  );
}
