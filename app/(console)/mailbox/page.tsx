import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { mailboxEnabled } from "@/lib/demo-mode";
import { getDevMail } from "@/lib/email/get-dev-mail";
import { listDevMail } from "@/lib/email/list-dev-mail";
import { formatUtc } from "@/lib/time";

export const metadata: Metadata = { title: "Dev mailbox" };

const selection = z.object({ id: z.uuid().optional() });

/**
 * The simulated owners' inbox of demo mode: mail captured because no SMTP server is configured.
 * It necessarily shows security codes, so it exists only when mailboxEnabled() (never with SMTP).
 */
export default async function MailboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("AGENT", "page:/mailbox");
  const includeAdminOnly = user.role === "ADMIN";
  if (!mailboxEnabled()) notFound();
  const parsed = selection.safeParse(await searchParams);
  const selectedId = parsed.success ? parsed.data.id : undefined;
  const db = getDb();
  const [messages, selected] = await Promise.all([
    listDevMail({ db, includeAdminOnly }),
    selectedId ? getDevMail({ db, id: selectedId, includeAdminOnly }) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Dev mailbox"
        description="Demo mode: no SMTP server is configured, so outgoing mail is captured here instead of being sent. This page does not exist in production."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <Card title={`Messages (${messages.length})`}>
          {messages.length === 0 ? (
            <p className="text-sm text-slate-600">No mail yet. Issue a code from a ticket and it will appear here within a few seconds.</p>
          ) : (
            <ul className="-mx-4 -my-4 divide-y divide-slate-100">
              {messages.map((m) => (
                <li key={m.id}>
                  <Link
                    href={`/mailbox?id=${m.id}`}
                    aria-current={m.id === selected?.id ? "true" : undefined}
                    className={`block px-4 py-3 text-sm hover:bg-slate-50 focus-visible:bg-slate-50 ${m.id === selected?.id ? "bg-slate-100" : ""}`}
                  >
                    <span className="block font-medium text-slate-900">{m.subject}</span>
                    <span className="block text-xs text-slate-600">
                      To {m.to} · <time dateTime={m.createdAt.toISOString()}>{formatUtc(m.createdAt)}</time>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {selected ? (
          <Card title={selected.subject}>
            <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-600">From</dt>
              <dd>{selected.from}</dd>
              <dt className="text-slate-600">To</dt>
              <dd>{selected.to}</dd>
              <dt className="text-slate-600">Date</dt>
              <dd>
                <time dateTime={selected.createdAt.toISOString()}>{formatUtc(selected.createdAt)}</time>
              </dd>
            </dl>
            {/* Received mail (kind INBOUND) is kept as text only: it has no HTML part to show. */}
            {selected.html ? (
              <>
                <h3 className="mb-2 text-sm font-semibold text-slate-900">HTML part</h3>
                {/* sandbox="" : no scripts, no forms, no navigation, an opaque origin; the mail is untrusted content. */}
                <iframe
                  sandbox=""
                  srcDoc={selected.html}
                  title={`HTML part of “${selected.subject}”`}
                  className="h-[40rem] w-full rounded border border-slate-200 bg-white"
                />
              </>
            ) : null}
            <h3 className="mb-2 mt-6 text-sm font-semibold text-slate-900">Text part</h3>
            <pre className="overflow-x-auto whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-4 text-sm">{selected.text}</pre>
          </Card>
        ) : (
          <Card>
            <p className="text-sm text-slate-600">{selectedId ? "That message is not in the mailbox." : "Choose a message to read it."}</p>
          </Card>
        )}
      </div>
    </>
  );
}
