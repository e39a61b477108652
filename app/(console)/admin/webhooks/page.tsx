import type { Metadata } from "next";
import { CreateWebhookDialog, RemoveWebhookButton, WebhookAllowlistForm } from "@/components/admin/webhooks";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { formatUtc } from "@/lib/time";
import { getWebhookAllowlist } from "@/lib/webhooks/allowlist";
import { listWebhooks } from "@/lib/webhooks/manage-webhooks";

export const metadata: Metadata = { title: "Webhooks" };

const STATUS_LABEL: Record<string, string> = { PENDING: "waiting to retry", SENDING: "sending", SENT: "delivered", FAILED: "failed" };

export default async function WebhooksPage() {
  await requirePageUser("ADMIN", "page:/admin/webhooks");
  const db = getDb();
  const [hooks, allowlist] = await Promise.all([listWebhooks({ db, deliveries: 20 }), getWebhookAllowlist(db)]);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Ticket events sent to your helpdesk, signed per Standard Webhooks and retried with backoff (docs/api.md)."
        actions={<CreateWebhookDialog />}
      />
      {hooks.length === 0 ? (
        <Card className="mb-6">
          <p className="text-sm text-slate-700">No webhooks registered.</p>
        </Card>
      ) : null}
      {hooks.map((hook) => (
        <Card
          key={hook.id}
          className="mb-6"
          title={
            <span className="break-all">
              {hook.url}
              {hook.disabledAt ? <span className="ml-2 text-xs font-normal text-slate-600">removed {formatUtc(hook.disabledAt)}</span> : null}
            </span>
          }
          actions={hook.disabledAt ? null : <RemoveWebhookButton webhookId={hook.id} url={hook.url} />}
        >
          <p className="mb-3 text-xs text-slate-700">Events: {hook.events.join(", ")}</p>
          {hook.deliveries.length === 0 ? (
            <p className="text-sm text-slate-700">No deliveries yet.</p>
          ) : (
            <DataTable caption={`Delivery log of ${hook.url}`} columns={["Event", "Queued (UTC)", "Status", "Attempts", "Last response", "Delivered (UTC)"]}>
              <tbody className="divide-y divide-slate-100">
                {hook.deliveries.map((d) => (
                  <tr key={d.id} className="align-top">
                    <td className="py-2 font-mono text-xs">{d.event}</td>
                    <td className="py-2 whitespace-nowrap">{formatUtc(d.createdAt)}</td>
                    <td className="py-2">
                      {STATUS_LABEL[d.status] ?? d.status}
                      {d.status === "PENDING" && d.attempts > 0 ? (
                        <span className="block text-xs text-slate-600">next try {formatUtc(d.nextAttemptAt)}</span>
                      ) : null}
                    </td>
                    <td className="py-2">{d.attempts}</td>
                    <td className="py-2 text-xs">
                      {d.lastStatusCode ?? "—"}
                      {d.lastError ? <span className="block text-slate-600">{d.lastError}</span> : null}
                    </td>
                    <td className="py-2 whitespace-nowrap">{d.deliveredAt ? formatUtc(d.deliveredAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Card>
      ))}
      <Card title="Private destinations">
        <WebhookAllowlistForm entries={allowlist} />
      </Card>
    </>
  );
}
