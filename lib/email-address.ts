// How the console stores and compares email addresses (owners, staff, customers, outbox rows):
// lower(trim()). That is exactly RP1's email normalisation (the recorder hashes the address the
// same way), so the app calls it rather than keeping a second copy: an owner address stored here
// is the very text the firmware would hash. Browser-safe (the RP1 client entry has no node:crypto).
import { normalizeEmail } from "@/lib/reset-protocol/client";

/** " Kim.Lee@Example.ORG " → "kim.lee@example.org": the form every stored address has. */
export function normalizeEmailAddress(email: string): string {
  return normalizeEmail(email);
}

/** True when two addresses are the same mailbox as the console sees it (case and surrounding space ignored). */
export function sameEmailAddress(a: string, b: string): boolean {
  return normalizeEmailAddress(a) === normalizeEmailAddress(b);
}
