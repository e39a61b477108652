/** One check as the ticket workflow stores it in Ticket.checks. */
export type CheckResult = { id: string; outcome: "pass" | "review" | "refuse"; label: string; reason: string };

const OUTCOMES = new Set(["pass", "review", "refuse"]);

/** The checks of a ticket, defensively read from Json (anything malformed is skipped, not trusted). */
export function readChecks(value: unknown): CheckResult[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((c): CheckResult[] => {
    if (!c || typeof c !== "object") return [];
    const { id, outcome, label, reason } = c as Record<string, unknown>;
    if (typeof id !== "string" || typeof outcome !== "string" || !OUTCOMES.has(outcome)) return [];
    return [
      { id, outcome: outcome as CheckResult["outcome"], label: typeof label === "string" ? label : id, reason: typeof reason === "string" ? reason : "" },
    ];
  });
}

/** The reason codes of checks that did not pass, for lists and exports. */
export function flaggedReasonCodes(value: unknown): string[] {
  return readChecks(value)
    .filter((c) => c.outcome !== "pass")
    .map((c) => c.id);
}
