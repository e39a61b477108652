import { formatUtc } from "@/lib/time";
import { DetailsList } from "./details-list";

export type TimelineItem = { seq: string; at: Date; actorLabel: string; action: string; words: string; details: Record<string, unknown> };

/** A ticket's audit events, oldest first: who did what, when (UTC), with the recorded details. */
export function AuditTimeline({ entries, title = "Audit timeline" }: { entries: TimelineItem[]; title?: string }) {
  return (
    <section aria-label={title}>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">No audit events for this ticket yet.</p>
      ) : (
        <ol className="relative border-l border-slate-200 pl-4">
          {entries.map((e) => (
            <li key={e.seq} className="mb-4 last:mb-0">
              <span className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border border-white bg-brand-600" aria-hidden />
              <p className="text-sm">
                <span className="font-medium text-slate-900">{e.words}</span> <span className="text-slate-600">by {e.actorLabel}</span>
              </p>
              <p className="text-xs text-slate-500">
                <time dateTime={e.at.toISOString()}>{formatUtc(e.at, { seconds: true })}</time> · #{e.seq} · <code>{e.action}</code>
              </p>
              <DetailsList details={e.details} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
