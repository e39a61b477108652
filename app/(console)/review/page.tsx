import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  await requirePageUser("SUPERVISOR", "page:/review");
  return (
    <>
      <PageHeader title="Review queue" description="Tickets waiting for a second person." />
      <Card>
        <p className="text-sm text-slate-600">Nothing waiting for review.</p>
      </Card>
    </>
  );
}
