import type { Metadata } from "next";
import { ReplyTemplateForm } from "@/components/guidance/reply-template-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listReplyTemplates } from "@/lib/guidance/reply-templates";
import { formatUtc } from "@/lib/time";

export const metadata: Metadata = { title: "Customer replies" };

export default async function TemplatesPage() {
  await requirePageUser("SUPERVISOR", "page:/templates");
  const templates = await listReplyTemplates({ db: getDb() });
  return (
    <>
      <PageHeader
        title="Customer replies"
        description="For every reason a check can give: the agent's next step and the reply they copy to the customer. Each save is a new version, audited."
      />
      <div className="flex flex-col gap-6">
        {templates.map((t) => (
          <Card
            key={t.reasonCode}
            title={<span className="font-mono">{t.reasonCode}</span>}
            actions={
              <span className="text-xs text-slate-600">
                {t.version === 0 ? "Built-in text" : `Version ${t.version} · ${t.editedBy ?? "unknown"} · ${t.editedAt ? formatUtc(t.editedAt) : ""}`}
              </span>
            }
          >
            <p className="mb-3 text-sm text-slate-700">
              <span className="font-medium">Agent&apos;s next step:</span> {t.step}
            </p>
            <ReplyTemplateForm template={t} />
          </Card>
        ))}
      </div>
    </>
  );
}
