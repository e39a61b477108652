"use client";

import { useEffect, useState } from "react";
import { formatUtc } from "@/lib/time";

const TICK_MS = 1000;

/**
 * The recorder's own clock (real time + its offset) in the status bar. It ticks from the server's
 * time at render, measured with the browser's elapsed time, so a wrong browser clock does not
 * show up as a wrong recorder clock. Remount (key) it when the page re-renders.
 */
export function RecorderClock({ offsetMs, renderedAtMs }: { offsetMs: number; renderedAtMs: number }) {
  const [elapsedMs, setElapsedMs] = useState(0);
  useEffect(() => {
    const start = performance.now();
    const timer = setInterval(() => setElapsedMs(performance.now() - start), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  const recorderMs = renderedAtMs + offsetMs + elapsedMs;
  return (
    <time dateTime={new Date(recorderMs).toISOString()} className="font-mono tabular-nums" data-testid="recorder-clock">
      {formatUtc(recorderMs, { seconds: true, zone: false })}
      <span className="sr-only"> recorder time, UTC</span>
    </time>
  );
}
