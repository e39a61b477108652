import type { ThreadEntry } from "@/lib/inbound/email-thread";
import { formatUtc } from "@/lib/time";

const OUT_KIND: Record<string, string> = {
  RESET_CODE: "Reset code email to the owner of record (its text is made at send time and never stored)",
  OWNER_CHANGE_NOTICE: "Owner change notice",
  INVITATION: "Invitation",
};

/** The ticket's emails, oldest first. Received mail is shown as text only; its HTML is never rendered. */
export function EmailThread({ entries }: { entries: ThreadEntry[] }) {
  if (!entries.length) return <p className="text-sm text-slate-600">No email on this ticket yet.</p>;
  return (
    <ol className="flex flex-col gap-3" aria-label="Email thread">
      {entries.map((e) =>
        e.direction === "in" ? (
          <li key={e.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-direction="in">
            <p className="font-medium text-slate-900">
              From {e.from} · {formatUtc(e.at)}
            </p>
            <p className="text-slate-700">{e.subject || "(no subject)"}</p>
            <p className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap text-slate-800">{e.text || "(no text)"}</p>
            <p className="mt-2 text-xs text-slate-600">
              {e.images} image{e.images === 1 ? "" : "s"} ·{" "}
              {e.authResults.length ? (
                <>
                  Sender checks by the receiving server (Authentication-Results): <span className="font-mono">{e.authResults.join(" | ")}</span>
                </>
              ) : (
                "No sender checks from our own mail servers (INBOUND_AUTHSERV_IDS): the sender's address is not verified."
              )}
            </p>
          </li>
        ) : (
          <li key={e.id} className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm" data-direction="out">
            <p className="font-medium text-slate-900">
              To {e.to} · {formatUtc(e.at)} · {e.status.toLowerCase()}
            </p>
            {e.text ? (
              <>
                <p className="text-slate-700">{e.subject}</p>
                <p className="mt-2 whitespace-pre-wrap text-slate-800">{e.text}</p>
              </>
            ) : (
              <p className="text-slate-700">{OUT_KIND[e.kind] ?? e.kind}</p>
            )}
          </li>
        ),
      )}
    </ol>
  );
}
