import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeviceOwnerForm } from "@/components/admin/device-owner-form";
import { DeviceStatusForm } from "@/components/admin/device-status-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getDevice } from "@/lib/devices/get-device";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { formatUtc } from "@/lib/time";
import { SERIAL_PATTERN } from "@/lib/validation/devices";

/** "NVR8-2411-000123 · Device · Reset Console": the serial from the address, once it is one. */
export async function generateMetadata({ params }: { params: Promise<{ serial: string }> }): Promise<Metadata> {
  const serial = decodeURIComponent((await params).serial);
  return { title: SERIAL_PATTERN.test(serial) ? `${serial} · Device` : "Device" };
}

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([k]) => k !== "sha256")
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : String(v)}`)
    .join(" · ");
}

export default async function DevicePage({ params }: { params: Promise<{ serial: string }> }) {
  await requirePageUser("ADMIN", "page:/admin/devices/[serial]");
  const serial = decodeURIComponent((await params).serial);
  if (!SERIAL_PATTERN.test(serial)) notFound();
  const found = await getDevice({ db: getDb(), serial });
  if (!found) notFound();
  const { device, tickets, history } = found;
  return (
    <>
      <PageHeader title={`Device ${device.serial}`} description={`${device.model} · key version ${device.keyVersion}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Facts">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Status</dt>
            <dd data-testid="device-status">{device.status.toLowerCase()}</dd>
            <dt className="text-slate-500">Status reason</dt>
            <dd>{device.statusReason ?? "—"}</dd>
            <dt className="text-slate-500">MAC</dt>
            <dd className="font-mono">{device.mac.replace(/(..)(?!$)/g, "$1:")}</dd>
            <dt className="text-slate-500">Registered</dt>
            <dd>{formatUtc(device.createdAt)}</dd>
          </dl>
        </Card>
        <Card title="Owner of record">
          <dl className="grid grid-cols-[10rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Owner</dt>
            <dd data-testid="device-owner">{device.owner ? `${device.owner.name} <${device.owner.email}>` : "—"}</dd>
            <dt className="text-slate-500">Since</dt>
            <dd>{formatUtc(device.ownerSince)}</dd>
            <dt className="text-slate-500">Source</dt>
            <dd>{device.ownerSource ?? "—"}</dd>
          </dl>
        </Card>
        <Card title="Change status">
          <DeviceStatusForm serial={device.serial} status={device.status} />
        </Card>
        <Card title="Change owner of record">
          <DeviceOwnerForm serial={device.serial} />
        </Card>
        <Card title="Tickets">
          {tickets.length ? (
            <ul className="text-sm">
              {tickets.map((t) => (
                <li key={t.id}>
                  {ticketRef(t.number)} · {t.status.toLowerCase()} · {t.customerName} · {formatUtc(t.createdAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">No tickets for this device.</p>
          )}
        </Card>
        <Card title="History">
          {history.length ? (
            <ol className="flex flex-col gap-1 text-sm" aria-label="Device history">
              {history.map((h) => (
                <li key={h.seq}>
                  <span className="text-slate-500">{formatUtc(h.at)}</span> · <strong>{h.action}</strong> by {h.actorLabel}
                  <div className="text-xs text-slate-600">{describe(h.details)}</div>
                </li>
              ))}
            </ol>
          ) : (
            <p className="text-sm text-slate-500">No recorded changes.</p>
          )}
        </Card>
      </div>
    </>
  );
}
