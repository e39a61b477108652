import Link from "next/link";
import type { ReactNode } from "react";

/** The simulator's own full-screen look: a dark bench, not the console's chrome. */
export function SimulatorShell({ userName, children }: { userName: string; children: ReactNode }) {
  return (
    <div className="surface-dark min-h-screen bg-neutral-950 text-slate-100 [color-scheme:dark]">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-black"
      >
        Skip to content
      </a>
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-white/10 px-4 py-2 text-sm">
        <h1 className="font-semibold tracking-tight">
          Virtual recorder <span className="font-normal text-slate-400">· simulator, not a real device</span>
        </h1>
        <div className="flex items-center gap-4 text-slate-300">
          <span>{userName}</span>
          <Link href="/tickets" className="text-sky-300 underline underline-offset-2 hover:text-sky-200">
            Back to the console
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-4">
        {children}
      </main>
    </div>
  );
}
