import type { Metadata } from "next";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePageUser("SUPERVISOR", "page:/audit");
  return (
    <>
      <PageHeader title="Audit" description="Every reset step, sign-in and refusal, hash-chained." />
      <Card title="Chain integrity">
        <VerifyChainButton />
      </Card>
    </>
  );
}
