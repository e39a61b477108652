"use client";

import { useEffect, useState } from "react";
import { formatDuration, formatUtc, HOUR_MS } from "@/lib/time";

function describe(ms: number): string {
  return ms <= 0 ? "expired" : `${formatDuration(ms, { smallest: "min", round: "down" })} left`;
}

/** Time left before the challenge stops being issuable; red under an hour, amber under four. */
export function Countdown({ expiresAt }: { expiresAt: string | null }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    // The server render has no "now"; the first tick runs right after hydration.
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 30_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);
  if (!expiresAt) return <span className="text-xs text-slate-500">—</span>;
  const left = new Date(expiresAt).getTime() - (now ?? new Date(expiresAt).getTime());
  const tone =
    now === null
      ? "bg-slate-100 text-slate-700"
      : left <= 0
        ? "bg-slate-200 text-slate-600"
        : left < HOUR_MS
          ? "bg-red-600 text-white"
          : left < 4 * HOUR_MS
            ? "bg-amber-200 text-amber-950"
            : "bg-emerald-50 text-emerald-900";
  return (
    <time
      dateTime={expiresAt}
      title={`Expires ${formatUtc(expiresAt)}`}
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium tabular-nums ${tone}`}
    >
      {now === null ? "…" : describe(left)}
    </time>
  );
}
