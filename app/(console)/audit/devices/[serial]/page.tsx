import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditSubnav } from "@/components/audit/audit-subnav";
import { EventTable } from "@/components/audit/event-table";
import { DeviceSummary } from "@/components/review/device-summary";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { deviceHistory } from "@/lib/audit/device-history";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";

const SERIAL = /^[A-Z0-9-]{1,64}$/;

/** "NVR8-2411-000123 · Device history · Reset Console": the serial from the address, once it is one. */
export async function generateMetadata({ params }: { params: Promise<{ serial: string }> }): Promise<Metadata> {
  const serial = decodeURIComponent((await params).serial).toUpperCase();
  return { title: SERIAL.test(serial) ? `${serial} · Device history` : "Device history" };
}

export default async function DeviceHistoryPage({ params }: { params: Promise<{ serial: string }> }) {
  const serial = decodeURIComponent((await params).serial).toUpperCase();
  await requirePageUser("SUPERVISOR", "page:/audit/devices");
  if (!SERIAL.test(serial)) notFound();
  const history = await deviceHistory({ db: getDb(), serial });
  return (
    <>
      <PageHeader title={`Recorder ${serial}`} description="Every ticket and code issued for this serial, with its audit events." />
      <AuditSubnav current="/audit" />
      <div className="grid gap-4">
        <Card title="Registry and history">
          <DeviceSummary data={history} />
        </Card>
        <Card
          title="Audit events"
          actions={
            <Link href={`/audit/events?serial=${encodeURIComponent(serial)}`} className="text-sm underline">
              All in the audit log
            </Link>
          }
        >
          <EventTable caption={`Audit events for ${serial}`} rows={history.events} />
        </Card>
      </div>
    </>
  );
}
