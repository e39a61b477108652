import type { Metadata } from "next";
import Link from "next/link";
import { EndSessionButton } from "@/components/auth/end-session-button";
import { AddPasskeyDialog, RemovePasskeyButton } from "@/components/auth/passkeys";
import { listPasskeys } from "@/lib/auth/passkeys/remove-passkey";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { listOwnSessions } from "@/lib/auth/mfa/sessions";
import { getDb } from "@/lib/db/client";
import { formatSpan, formatUtc } from "@/lib/time";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requirePageUser("AGENT", "page:/account");
  const db = getDb();
  const now = new Date();
  const [sessions, factor, passkeys] = await Promise.all([
    listOwnSessions({ db, userId: user.id, currentSessionId: user.sessionId, now }),
    db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { totpConfirmedAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
    }),
    listPasskeys(db, user.id),
  ]);
  return (
    <>
      <PageHeader title="Account" description={`${user.name} · ${user.email}`} />
      <div className="flex flex-col gap-6">
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Second factor</h2>
          {factor.totpConfirmedAt ? (
            <p className="mt-2 text-sm text-slate-700">
              Authenticator app set up on {formatUtc(factor.totpConfirmedAt)}. Recovery codes left: {factor._count.recoveryCodes} of 10. Lost your phone? Sign
              in with a recovery code, then ask an admin to reset your second factor (a second admin approves it).
            </p>
          ) : (
            <p className="mt-2 text-sm text-slate-700">
              No authenticator app yet.{" "}
              <Link href="/mfa" className="font-medium text-brand-700 underline">
                Set one up
              </Link>
              .
            </p>
          )}
        </Card>
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Passkeys</h2>
          <p className="mt-2 text-sm text-slate-700">
            A passkey signs you in without a password (Sign in with a passkey) and works as your second factor. Removing one asks you to confirm it is you.
          </p>
          {passkeys.length ? (
            <ul aria-label="Your passkeys" className="mt-3 divide-y divide-slate-100">
              {passkeys.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                  <span>
                    <span className="font-medium">{p.name}</span>
                    <span className="text-slate-500">
                      {" "}
                      · added {formatUtc(p.createdAt)} · {p.lastUsedAt ? `last used ${formatSpan(now.getTime() - p.lastUsedAt.getTime())} ago` : "not used yet"}
                    </span>
                  </span>
                  <RemovePasskeyButton passkeyId={p.id} name={p.name} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-2 text-sm text-slate-600">No passkeys yet.</p>
          )}
          <div className="mt-3">
            <AddPasskeyDialog />
          </div>
        </Card>
        <Card>
          <h2 className="text-base font-semibold text-slate-900">Where you are signed in</h2>
          <ul aria-label="Your sessions" className="mt-3 divide-y divide-slate-100">
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <span>
                  Signed in on: {s.browser}, {s.ip ?? "unknown address"}, {formatSpan(now.getTime() - s.createdAt.getTime())} ago
                  <span className="text-slate-500"> · last active {formatSpan(now.getTime() - s.lastSeenAt.getTime())} ago</span>
                  {s.current ? <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-900">this browser</span> : null}
                </span>
                {s.current ? null : <EndSessionButton sessionId={s.id} label={`${s.browser}, ${s.ip ?? "unknown address"}`} />}
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
