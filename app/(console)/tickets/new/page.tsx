import type { Metadata } from "next";
import { NewTicketForm } from "@/components/tickets/new-ticket-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "New ticket" };

export default async function NewTicketPage() {
  await requirePageUser("AGENT", "page:/tickets/new");
  return (
    <>
      <PageHeader title="New reset ticket" description="The customer's details and their recorder's QR code. The checks run when you submit." />
      <NewTicketForm />
    </>
  );
}
