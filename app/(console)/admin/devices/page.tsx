import type { Metadata } from "next";
import Link from "next/link";
import { CreateDeviceForm } from "@/components/admin/create-device-form";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listDevices } from "@/lib/devices/list-devices";
import { deviceSearchSchema } from "@/lib/validation/devices";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageUser("ADMIN", "page:/admin/devices");
  const parsed = deviceSearchSchema.safeParse(await searchParams);
  const { q, after } = parsed.success ? parsed.data : {};
  const { devices, nextAfter } = await listDevices({ db: getDb(), q, after });
  const next = nextAfter ? `/admin/devices?${new URLSearchParams({ ...(q ? { q } : {}), after: nextAfter })}` : null;
  return (
    <>
      <PageHeader title="Devices" description="The registry of recorders and their owners of record." />
      <Card className="mb-6">
        <form role="search" className="flex items-end gap-2">
          <div className="flex flex-1 flex-col gap-1">
            <label htmlFor="device-q" className="text-sm font-medium text-slate-800">
              Serial or owner email starts with
            </label>
            <input id="device-q" name="q" defaultValue={q ?? ""} maxLength={64} className="rounded-md border border-slate-300 px-3 py-2 text-sm" />
          </div>
          <button type="submit" className={buttonClasses("secondary")}>
            Search
          </button>
        </form>
      </Card>
      <Card className="mb-6">
        <DataTable caption="Devices" columns={["Serial", "Model", "Key", "Status", "Owner of record"]}>
          <tbody className="divide-y divide-slate-100">
            {devices.map((d) => (
              <tr key={d.serial}>
                <td className="py-2 font-mono">
                  <Link href={`/admin/devices/${encodeURIComponent(d.serial)}`} className="text-brand-700 underline">
                    {d.serial}
                  </Link>
                </td>
                <td>{d.model}</td>
                <td>v{d.keyVersion}</td>
                <td>{d.status.toLowerCase()}</td>
                <td>{d.owner ? `${d.owner.name} <${d.owner.email}>` : "—"}</td>
              </tr>
            ))}
            {devices.length === 0 ? (
              <tr>
                <td colSpan={5} className="py-4 text-slate-500">
                  No devices found.
                </td>
              </tr>
            ) : null}
          </tbody>
        </DataTable>
        {next ? (
          <div className="mt-3 text-right">
            <Link href={next} className={buttonClasses("secondary")}>
              Next page
            </Link>
          </div>
        ) : null}
      </Card>
      <Card title="Register a device">
        <CreateDeviceForm />
      </Card>
    </>
  );
}
