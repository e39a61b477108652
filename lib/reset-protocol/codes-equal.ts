// Compares an entered code with the expected one. Server-side only.
import { constantTimeEqual } from "./constant-time-equal";

/** Constant-time equality of two normalized codes (see normalizeCodeInput). Case-sensitive. */
export function codesEqual(a: string, b: string): boolean {
  return constantTimeEqual(a, b);
}
