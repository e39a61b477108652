import type { Metadata } from "next";
import { NewTicketForm, type NewTicketDefaults } from "@/components/tickets/new-ticket-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getTicket } from "@/lib/tickets/get-ticket";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { ticketIdSchema } from "@/lib/validation/tickets";

export const metadata: Metadata = { title: "New ticket" };

export default async function NewTicketPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("AGENT", "page:/tickets/new");
  // "New ticket for this customer": the earlier ticket's details, if the viewer may see it.
  const from = ticketIdSchema.safeParse({ ticketId: (await searchParams).from });
  const earlier = from.success ? await getTicket({ db: getDb(), actor: user, ticketId: from.data.ticketId }) : null;
  const defaults: NewTicketDefaults | null = earlier
    ? {
        customerName: earlier.customerName,
        customerEmail: earlier.customerEmail,
        customerPhone: earlier.customerPhone,
        channel: earlier.channel,
        followUpOf: ticketRef(earlier.number),
      }
    : null;
  return (
    <>
      <PageHeader
        title="New reset ticket"
        description={
          defaults
            ? `A follow-up to ${defaults.followUpOf}: the customer's details are filled in. Add their new QR code.`
            : "The customer's details and their recorder's QR code. The checks run when you submit."
        }
      />
      <NewTicketForm defaults={defaults} />
    </>
  );
}
