import { CHECK_NAMES, CHECK_OUTCOMES, REASON_CODES, type CheckName, type CheckOutcome, type CheckResult, type ReasonCode } from "./types";

const NAMES: ReadonlySet<string> = new Set(CHECK_NAMES);
const OUTCOMES: ReadonlySet<string> = new Set(CHECK_OUTCOMES);
const CODES: ReadonlySet<string> = new Set(REASON_CODES);

/**
 * The checks of a ticket, read defensively from its Json column for the ticket, review and audit
 * views: an entry without a known check, reason code or outcome is skipped, not trusted; a missing
 * label falls back to the reason code and a missing reason to "".
 */
export function readChecks(value: unknown): CheckResult[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): CheckResult[] => {
    if (!entry || typeof entry !== "object") return [];
    const { check, id, outcome, label, reason } = entry as Record<string, unknown>;
    if (typeof check !== "string" || !NAMES.has(check)) return [];
    if (typeof id !== "string" || !CODES.has(id)) return [];
    if (typeof outcome !== "string" || !OUTCOMES.has(outcome)) return [];
    return [
      {
        check: check as CheckName,
        id: id as ReasonCode,
        outcome: outcome as CheckOutcome,
        label: typeof label === "string" ? label : id,
        reason: typeof reason === "string" ? reason : "",
      },
    ];
  });
}

/** The reason codes of the checks that did not pass, for lists and exports. */
export function flaggedReasonCodes(value: unknown): ReasonCode[] {
  return readChecks(value)
    .filter((c) => c.outcome !== "pass")
    .map((c) => c.id);
}
