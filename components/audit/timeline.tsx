import type { AuditFact } from "@/lib/audit/describe-action";
import { formatUtc } from "@/lib/time";

export type TimelineItem = { seq: string; at: Date; actorLabel: string; action: string; sentence: string; facts: AuditFact[] };

/**
 * A ticket's audit events, oldest first, as sentences with their time (UTC). The technical part
 * (event number, action name, ids, worker, message id, hashes) sits behind each event's
 * "Details" disclosure (a native details/summary: keyboard and screen-reader support built in).
 */
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
              <p className="text-sm break-words text-slate-900">{e.sentence}</p>
              <p className="text-xs text-slate-600">
                <time dateTime={e.at.toISOString()}>{formatUtc(e.at, { seconds: true })}</time>
              </p>
              <details className="group mt-1 text-xs">
                <summary className="cursor-pointer rounded text-slate-600 select-none hover:text-slate-900">Details</summary>
                <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-slate-700">
                  <dt className="font-medium">Event</dt>
                  <dd>#{e.seq}</dd>
                  <dt className="font-medium">Action</dt>
                  <dd>
                    <code>{e.action}</code>
                  </dd>
                  <dt className="font-medium">By</dt>
                  <dd>{e.actorLabel}</dd>
                  {e.facts.map((f, i) => (
                    <div key={`${f.label}-${i}`} className="contents">
                      <dt className="font-medium">{f.label}</dt>
                      <dd className="break-all">{f.value}</dd>
                    </div>
                  ))}
                </dl>
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
