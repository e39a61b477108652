// Zero-touch, each rule written once (browser-safe: the admin page shows only what the server allows).

/** A pending request to turn zero-touch on, waiting for a second admin. */
export type ZeroTouchRequest = { requestedById: string; requestedAt: string };

/** Turning zero-touch ON waits for a second admin; turning it off is immediate (it only takes away). */
export function zeroTouchNeedsSecondAdmin(enable: boolean): boolean {
  return enable;
}

/** Four eyes: whoever asked to turn it on never approves it. */
export function canApproveZeroTouch(request: ZeroTouchRequest | null, approverId: string): { ok: true } | { ok: false; message: string } {
  if (!request) return { ok: false, message: "Nobody has asked to turn zero-touch on." };
  if (request.requestedById === approverId) return { ok: false, message: "You asked for this change: a second admin must approve it." };
  return { ok: true };
}

/**
 * The sender checks one of our own receiving servers made (RFC 8601 Authentication-Results whose
 * authserv-id we trust): did the From domain pass DMARC? Anyone can write such a header into a
 * message, so a header from any other server says nothing.
 */
export function trustedAuthResults(headers: readonly string[], trustedIds: readonly string[]): string[] {
  const trusted = new Set(trustedIds.map((id) => id.trim().toLowerCase()).filter(Boolean));
  return headers.filter((h) => trusted.has((h.split(";")[0] ?? "").trim().split(/\s+/)[0]!.toLowerCase()));
}

/** Did a trusted receiving server find that the From domain passed DMARC? */
export function senderPassedDmarc(trustedHeaders: readonly string[]): boolean {
  return trustedHeaders.some((h) => /(?:^|[;\s])dmarc\s*=\s*pass\b/i.test(h));
}

/**
 * A ticket the console may send the code for on its own: opened from an email, every check passed
 * (so the challenge is genuine and fresh, the recorder active, velocity within limits), and the
 * requester's address is the owner of record's (the registry says so, REQUESTER_IS_OWNER), and
 * one of our receiving servers found that the From domain passed DMARC (a From header alone is
 * anyone's to write).
 * canSendCode still decides at send time, unchanged.
 */
export function isZeroTouchCandidate(ticket: {
  channel: string;
  status: string;
  decision: string;
  checks: readonly { id: string; outcome: string }[];
  senderPassedDmarc: boolean;
}): boolean {
  return (
    ticket.senderPassedDmarc &&
    ticket.channel === "EMAIL" &&
    ticket.status === "READY" &&
    ticket.decision === "ISSUE" &&
    ticket.checks.length > 0 &&
    ticket.checks.every((c) => c.outcome === "pass") &&
    ticket.checks.some((c) => c.id === "REQUESTER_IS_OWNER")
  );
}
