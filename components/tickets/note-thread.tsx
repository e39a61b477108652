import { formatUtc } from "@/lib/time";
import type { ThreadNote } from "@/lib/tickets/notes";

/**
 * The ticket's internal notes as one thread, oldest first: the customer's request as the agent
 * wrote it when opening the ticket, then every note, marked when it was written for the reviewer.
 * The ticket page and the review page show the same thread.
 */
export function NoteThread({ request, notes }: { request: string | null; notes: ThreadNote[] }) {
  if (!request && !notes.length) return <p className="text-sm text-slate-600">No notes yet.</p>;
  return (
    <ol aria-label="Notes" className="flex flex-col gap-3">
      {request ? (
        <li className="rounded bg-slate-50 p-3 text-sm">
          <p className="font-medium">Customer&apos;s request</p>
          <p className="mt-1 whitespace-pre-wrap">{request}</p>
        </li>
      ) : null}
      {notes.map((n) => (
        <li key={n.id} className={`rounded p-3 text-sm ${n.toReviewer ? "bg-amber-50 ring-1 ring-amber-200" : "bg-slate-50"}`}>
          {n.toReviewer ? <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-amber-900">Note to reviewer</p> : null}
          <p className="whitespace-pre-wrap">{n.body}</p>
          <p className="mt-1 text-xs text-slate-600">
            {n.authorName} · {formatUtc(n.createdAt)}
          </p>
        </li>
      ))}
    </ol>
  );
}
