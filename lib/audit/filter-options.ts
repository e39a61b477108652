import { Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import { REASON_CODES, type ReasonCode } from "@/lib/tickets/checks/types";
import { describeAction, KNOWN_ACTIONS } from "./describe-action";

/** A choice in a filter's dropdown: the value the URL carries, the words shown, the raw value as a hint. */
export type FilterOption = { value: string; label: string; hint?: string };

/** "CLOCK_AHEAD" → "Clock ahead". */
export function humanise(code: string): string {
  const words = code.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Codes a passing check records: a reason-code filter finds tickets with a check that did NOT pass, so these never match. */
const PASSING: ReadonlySet<ReasonCode> = new Set([
  "TAG_VALID",
  "DEVICE_ACTIVE",
  "OWNER_EMAIL_MATCHES",
  "REQUESTER_IS_OWNER",
  "CHALLENGE_FRESH",
  "CLOCK_OK",
  "CHALLENGE_UNIQUE",
  "VELOCITY_OK",
]);

export function reasonOptions(): FilterOption[] {
  return REASON_CODES.filter((c) => !PASSING.has(c)).map((c) => ({ value: c, label: humanise(c), hint: c }));
}

export function statusOptions(): FilterOption[] {
  return Object.values(TicketStatus).map((s) => ({ value: s, label: humanise(s) }));
}

export function decisionOptions(): FilterOption[] {
  return Object.values(Decision).map((d) => ({ value: d, label: humanise(d) }));
}

export function actionOptions(): FilterOption[] {
  return [...KNOWN_ACTIONS].sort().map((a) => ({ value: a, label: describeAction(a), hint: a }));
}

export function staffOptions(staff: { id: string; name: string; active: boolean }[]): FilterOption[] {
  return staff.map((s) => ({ value: s.id, label: s.active ? s.name : `${s.name} (disabled)` }));
}
