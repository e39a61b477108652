"use client";

import { useEffect, useState } from "react";

const TICK_MS = 250;

/** Milliseconds of lockout left, counting down from the server's figure at render. */
export function useLockRemaining(lockedUntilMs: number | null, renderedAtMs: number): number {
  const initial = lockedUntilMs === null ? 0 : Math.max(0, lockedUntilMs - renderedAtMs);
  const [remainingMs, setRemainingMs] = useState(initial);
  useEffect(() => {
    if (initial <= 0) return;
    const start = performance.now();
    const timer = setInterval(() => {
      const left = Math.max(0, initial - (performance.now() - start));
      setRemainingMs(left);
      if (left === 0) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [initial]);
  return remainingMs;
}
