/**
 * Capped exponential backoff with full jitter: a uniformly random delay in
 * [0, min(cap, base · 2^(attempt−1))). Full jitter spreads retries of many rows that failed
 * together (an SMTP outage) instead of sending them back in one burst.
 * @param attempt the attempt that just failed, counting from 1.
 * @param random a source in [0, 1); injected so tests are deterministic.
 */
export function retryDelay(options: { attempt: number; baseMs: number; capMs: number; random?: () => number }): number {
  const { attempt, baseMs, capMs } = options;
  const random = options.random ?? Math.random;
  // 2^(attempt-1) overflows nothing: the exponent is clamped long before the cap stops mattering.
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const window = Math.min(capMs, baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * window);
}
