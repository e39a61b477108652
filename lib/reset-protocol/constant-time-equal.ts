// Equality of two secret-derived strings without an early exit. Server-side only.
import { timingSafeEqual } from "node:crypto";

/**
 * True iff `a` and `b` are the same string. Takes the same time for every pair of equal-length
 * inputs; lengths are not secret here (tags, hashes and codes have fixed lengths).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  if (left.length !== right.length) {
    // Still do the work of a comparison so a length mismatch is not a faster path.
    timingSafeEqual(left, left);
    return false;
  }
  return timingSafeEqual(left, right);
}
