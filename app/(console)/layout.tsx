import Link from "next/link";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { ConsoleNav } from "@/components/shell/console-nav";
import { NAV_LINKS } from "@/components/shell/nav-links";
import { KeyboardShortcuts } from "@/components/shell/keyboard-shortcuts";
import { LiveUpdates } from "@/components/shell/live-updates";
import { SearchBox } from "@/components/shell/search-box";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { currentSession } from "@/lib/auth/guard";
import { FACTOR_PAGE } from "@/lib/auth/mfa/factor-rules";
import { roleAtLeast } from "@/lib/auth/roles";
import { getDb } from "@/lib/db/client";
import { mailboxEnabled, simulatorEnabled } from "@/lib/demo-mode";
import { navCounts } from "@/lib/live/nav-counts";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const user = await currentSession();
  if (!user) redirect("/login");
  // Second factor pending (to prove, or to set up first): nothing of the console until it is done.
  if (user.factor !== "ok") redirect(FACTOR_PAGE);
  const links = NAV_LINKS.filter(
    (l) => roleAtLeast(user.role, l.minimum) && (l.href === "/simulator" ? simulatorEnabled() : l.href === "/mailbox" ? mailboxEnabled() : true),
  );
  const counts = await navCounts({ db: getDb(), viewer: user });
  return (
    <LiveUpdates me={user.id} initialCounts={counts}>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="surface-dark sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900"
        >
          Skip to content
        </a>
        <header className="surface-dark bg-brand-900 text-white">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
            <div className="flex flex-wrap items-center gap-6">
              <Link href="/tickets" className="text-base font-semibold tracking-tight">
                Reset Console
              </Link>
              <ConsoleNav links={links} />
            </div>
            <div className="flex w-full flex-wrap items-center gap-3 text-sm sm:w-auto">
              <Suspense>
                <SearchBox />
              </Suspense>
              <Link href="/account" className="text-slate-200 underline-offset-2 hover:underline" title="Your account: second factor and sessions">
                {user.name} <span className="rounded bg-white/15 px-1.5 py-0.5 text-xs uppercase tracking-wide">{user.role.toLowerCase()}</span>
              </Link>
              <span className="hidden text-xs text-slate-300 md:inline">
                Press <kbd className="rounded bg-white/15 px-1">?</kbd> for shortcuts
              </span>
              <SignOutButton />
            </div>
          </div>
        </header>
        <KeyboardShortcuts />
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">
          {children}
        </main>
      </div>
    </LiveUpdates>
  );
}
