import type { Metadata } from "next";
import Link from "next/link";
import { EndSessionButton } from "@/components/auth/end-session-button";
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
  const [sessions, factor] = await Promise.all([
    listOwnSessions({ db, userId: user.id, currentSessionId: user.sessionId, now }),
    db.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { totpConfirmedAt: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
    }),
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
