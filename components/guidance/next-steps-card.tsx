import { Card } from "@/components/ui/card";
import { fillReply } from "@/lib/guidance/next-steps";
import type { ReplyTemplateView } from "@/lib/guidance/reply-templates";
import { CopyButton } from "./copy-button";

/**
 * What to do next, for every check that did not pass: the agent's step and the customer reply
 * (the supervisors' current version), filled in and ready to copy.
 */
export function NextStepsCard({ templates, customerName, ticketRef }: { templates: ReplyTemplateView[]; customerName: string; ticketRef: string }) {
  if (!templates.length) return null;
  return (
    <Card title="What to do next">
      <ul className="flex flex-col gap-4">
        {templates.map((t) => {
          const reply = fillReply(t.body, { name: customerName, ref: ticketRef });
          return (
            <li key={t.reasonCode} className="flex flex-col gap-2" data-reason={t.reasonCode}>
              <p className="text-sm font-medium text-slate-900">{t.step}</p>
              <details className="rounded-md bg-slate-50 p-3 text-sm">
                <summary className="cursor-pointer text-slate-700">Reply to the customer</summary>
                <p className="mt-2 whitespace-pre-wrap text-slate-800">{reply}</p>
                <div className="mt-2">
                  <CopyButton text={reply} />
                </div>
              </details>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
