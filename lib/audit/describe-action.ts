import { RESOLUTION_LABELS } from "@/lib/tickets/lifecycle-rules";

// Audit events in words, for timelines and the log: a sentence for people, and the recorded
// details under their labels (never their keys) for whoever opens "Details". Pure and
// browser-safe. An action without a sentence of its own still reads as one ("Sam: <words>").

const ROLE_WORDS: Record<string, string> = { AGENT: "agent", SUPERVISOR: "supervisor", ADMIN: "admin" };
const SSO_REFUSALS: Record<string, string> = {
  not_invited: "not invited, and the email domain is not allowed",
  no_role: "none of the identity provider's groups maps to a console role",
  disabled: "the account is disabled",
  email_unverified: "the identity provider has not verified the email address",
  subject_mismatch: "the account is linked to another account at the identity provider",
};
const SSO_ENDINGS: Record<string, string> = {
  group_removed: "none of the identity provider's groups maps to a console role any more",
  idp_refused: "the identity provider refused to renew it (user removed or sign-in revoked there)",
  subject_changed: "the identity provider answered for another user",
  sso_off: "single sign-on is no longer configured",
};

/** Audit actions in plain words (the event table's "what" column). Unknown actions show as recorded. */
const ACTION_WORDS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_out": "Signed out",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_in_throttled": "Sign-in throttled",
  "auth.reauth_failed": "Re-authentication failed",
  "auth.session_ended": "Ended one of their sessions",
  "mfa.totp_enrolled": "Set up an authenticator app",
  "mfa.verified": "Proved their second factor",
  "mfa.failed": "Second factor refused",
  "mfa.factors_reset": "Second factor reset",
  "mfa.passkey_added": "Added a passkey",
  "mfa.passkey_removed": "Removed a passkey",
  "auth.denied": "Was refused access",
  "auth.refusals_summarised": "More anonymous refusals, counted",
  "auth.sso_sign_in": "Signed in with single sign-on",
  "auth.sso_refused": "Single sign-on refused",
  "auth.sso_session_ended": "Single sign-on session ended by the identity provider",
  "auth.sso_role_changed": "Single sign-on role followed the identity provider's groups",
  "ticket.created": "Opened the ticket",
  "ticket.checks_run": "Ran the checks",
  "ticket.assigned": "Assigned the ticket",
  "ticket.decided": "Checks decided",
  "ticket.resolved": "Resolved the ticket",
  "ticket.reopened": "Reopened the ticket",
  "ticket.expired": "The ticket expired (QR code lapsed)",
  "ticket.escalated": "Escalated to supervisors",
  "escalation.taken": "Took the escalation",
  "escalation.closed": "Closed the escalation",
  "ticket.note_added": "Added a note",
  "code.issued": "Issued a reset code",
  "code.resent": "Resent the reset code",
  "email.sent": "Reset email delivered",
  "email.failed": "Email failed for good",
  "email.retry_scheduled": "Email delivery will be retried",
  "email.requeued": "Requeued a failed email",
  "evidence.added": "Kept the customer's photo",
  "evidence.purged": "Deleted the customer's photo (retention)",
  "review.approved": "Approved after review (four eyes)",
  "review.refused": "Refused after review (four eyes)",
  "audit.chain_verified": "Verified the audit chain",
  "audit.anchor_exported": "Exported an audit anchor",
  "export.tickets": "Exported tickets (CSV)",
  "export.audit": "Exported the audit log (CSV)",
  "user.invited": "Invited a user",
  "user.invitation_accepted": "Accepted an invitation",
  "user.invitation_rejected": "Invitation link refused",
  "user.invitation_resent": "Resent an invitation",
  "user.throttle_cleared": "Cleared a sign-in lock",
  "user.enabled": "Enabled a user",
  "user.disabled": "Disabled a user",
  "user.role_changed": "Changed a user's role",
  "device.status_changed": "Changed the device's status",
  "device.owner_changed": "Changed the device's owner",
  "device.created": "Registered a device",
  "device.import": "Imported devices (CSV)",
  "settings.changed": "Changed settings",
  "template.reply_changed": "Changed a customer reply template",
  "simulator.challenge_created": "Virtual recorder made a QR code",
  "api_token.created": "Created an API token",
  "api_token.revoked": "Revoked an API token",
  "api.called": "Called the API with a token",
  "webhook.created": "Registered a webhook",
  "webhook.removed": "Removed a webhook",
  "webhook.allowlist_changed": "Changed the webhooks' allowed private destinations",
};

export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action.replaceAll("_", " ").replace(".", ": ");
}

/** The labels of recorded detail keys; any other key is spelled out from its camelCase. */
const DETAIL_LABELS: Record<string, string> = {
  tokenId: "API token id",
  scopes: "Scopes",
  webhookId: "Webhook id",
  route: "Route",
  ticket: "Ticket",
  number: "Ticket",
  noteId: "Note id",
  length: "Length (characters)",
  noteLength: "Note length (characters)",
  toReviewer: "For the reviewer",
  outboxId: "Email id",
  messageId: "Message id",
  worker: "Worker",
  attempt: "Attempt",
  previousAttempts: "Earlier attempts",
  captured: "Captured in the dev mailbox",
  kind: "Kind",
  to: "To",
  from: "From",
  toName: "Assigned to",
  codeIssueId: "Code issue id",
  destination: "Destination",
  approvedDestination: "Approved other address",
  alternateDestination: "Another address than the owner's",
  escalationId: "Escalation id",
  evidenceId: "Photo id",
  sha256: "SHA-256",
  originalSha256: "SHA-256 as uploaded",
  challengeSha256: "SHA-256 of the pasted or decoded link",
  contentType: "Type",
  bytes: "Size (bytes)",
  uploadedBytes: "Uploaded size (bytes)",
  width: "Width (px)",
  height: "Height (px)",
  metadata: "Photo metadata",
  addedAt: "Added at",
  ageDays: "Age (days)",
  retentionDays: "Retention (days)",
  results: "Check results",
  reasons: "Reason codes",
  decision: "Decision",
  outcome: "Outcome",
  duplicateOf: "Duplicate of",
  was: "Previous outcome",
  reason: "Reason",
  note: "Note",
  channel: "Channel",
  customer: "Customer",
  lapsedAt: "Lapsed at",
  sessionId: "Session id",
  groups: "Identity provider groups",
  amr: "Authentication methods (amr)",
  acr: "Authentication context (acr)",
  via: "Let in by",
  newUser: "Account created",
  method: "Method",
  purpose: "Purpose",
  recoveryCodes: "Recovery codes",
  recoveryCodesLeft: "Recovery codes left",
  secondFactor: "Second factor",
  what: "What",
  error: "Error",
  lastError: "Error",
};

/** The label a detail key is shown under: its own, or the key spelled out ("alternateDestination" → "Alternate destination"). */
export function detailLabel(key: string): string {
  if (DETAIL_LABELS[key]) return DETAIL_LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll(/[_.]/g, " ")
    .toLowerCase()
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

/** A recorded value as text: yes/no, lists joined, nothing as "—". */
export function detailValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.length ? value.map((v) => detailValue(v)).join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export type AuditFact = { label: string; value: string };

/** An event's recorded details as labelled facts, empty values left out. */
export function detailFacts(details: unknown): AuditFact[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([key, value]) => ({ label: detailLabel(key), value: detailValue(value) }));
}

type Details = Record<string, unknown>;
type EventInput = { action: string; actorLabel: string; details: unknown };

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

const CHANNELS: Record<string, string> = { EMAIL: "email", PHONE: "phone", CHAT: "chat", WEB_FORM: "the web form" };
const DECISIONS: Record<string, string> = {
  ISSUE: "The checks passed: a code may be sent",
  REVIEW: "The checks sent the ticket to a supervisor for review",
  REFUSE: "The checks refused the ticket",
};
const ESCALATION_KINDS: Record<string, string> = { STOLEN: "stolen recorder", BLOCKED: "blocked recorder", CHECK: "a check the agent cannot resolve" };
const STATUSES: Record<string, string> = {
  READY: "ready",
  REVIEW: "waiting for review",
  APPROVED: "approved",
  SENT: "code sent",
  REFUSED: "refused",
  RESOLVED: "resolved",
  EXPIRED: "expired",
};
const DENIALS: Record<string, string> = { "review:four-eyes": "tried to decide a ticket they opened or handled (four eyes) and was refused" };

function withReason(sentence: string, reason: unknown): string {
  const why = text(reason);
  return why ? `${sentence}, reason: ${why}` : sentence;
}

/** One sentence per action, from who did it and what was recorded. */
const SENTENCES: Record<string, (actor: string, d: Details) => string> = {
  "ticket.created": (a, d) => {
    const via = CHANNELS[String(d.channel)] ?? null;
    const customer = text(d.customer);
    return `${a} opened the ticket${via ? ` (by ${via})` : ""}${customer ? ` for ${customer}` : ""}`;
  },
  "ticket.checks_run": (_a, d) => {
    const results = Array.isArray(d.results) ? d.results.map(String) : [];
    const failed = results.filter((r) => !r.endsWith(":pass")).map((r) => r.split(":")[0]);
    return failed.length
      ? `The checks ran: ${results.length - failed.length} of ${results.length} passed (flagged: ${failed.join(", ")})`
      : `The checks ran: all ${results.length} passed`;
  },
  "ticket.decided": (_a, d) => {
    const reasons = Array.isArray(d.reasons) && d.reasons.length ? ` (${d.reasons.join(", ")})` : "";
    return `${DECISIONS[String(d.decision)] ?? `The checks decided ${detailValue(d.decision)}`}${reasons}`;
  },
  "ticket.assigned": (a, d) => {
    const to = text(d.toName);
    if (!d.to) return `${a} unassigned the ticket`;
    return to === a ? `${a} took the ticket` : `${a} assigned the ticket to ${to ?? "someone"}`;
  },
  "ticket.note_added": (a, d) => (d.toReviewer ? `${a} added a note for the reviewer` : `${a} added a note`),
  "ticket.resolved": (a, d) => {
    const outcome = RESOLUTION_LABELS[String(d.outcome) as keyof typeof RESOLUTION_LABELS];
    const duplicate = text(d.duplicateOf);
    if (d.outcome === "DUPLICATE" && duplicate) return `${a} resolved the ticket as a duplicate of ${duplicate}`;
    return `${a} resolved the ticket${outcome ? `: ${outcome.toLowerCase()}` : ""}`;
  },
  "ticket.reopened": (a, d) => withReason(`${a} reopened the ticket${STATUSES[String(d.to)] ? ` (back to ${STATUSES[String(d.to)]})` : ""}`, d.reason),
  "ticket.expired": () => "The ticket expired: its QR code lapsed before anyone resolved it",
  "ticket.escalated": (a, d) =>
    `${a} escalated the ticket to the supervisors${ESCALATION_KINDS[String(d.kind)] ? ` (${ESCALATION_KINDS[String(d.kind)]})` : ""}`,
  "escalation.taken": (a) => `${a} took the escalation`,
  "escalation.closed": (a, d) => {
    const note = text(d.note);
    return note ? `${a} closed the escalation, note: ${note}` : `${a} closed the escalation`;
  },
  "code.issued": (a, d) =>
    `${a} sent the code to ${text(d.destination) ?? "the owner of record"}${d.approvedDestination ? " (the address a supervisor approved)" : ""}`,
  "code.resent": (a, d) => `${a} resent the same code to ${text(d.destination) ?? "the owner of record"}`,
  "email.sent": (_a, d) => {
    const to = text(d.to) ?? "the recipient";
    const where = d.captured ? " (captured in the dev mailbox)" : "";
    if (d.kind === "RESET_CODE") return `Code emailed to ${to}${where}`;
    if (d.kind === "INVITATION") return `Invitation emailed to ${to}${where}`;
    if (d.kind === "OWNER_CHANGE_NOTICE") return `Owner change notice emailed to ${to}${where}`;
    return `Email delivered to ${to}${where}`;
  },
  "email.retry_scheduled": (_a, d) =>
    `The email to ${text(d.to) ?? "the recipient"} did not go out${num(d.attempt) ? ` (attempt ${num(d.attempt)})` : ""}; it will be retried`,
  "email.failed": (_a, d) => `The email to ${text(d.to) ?? "the recipient"} failed for good${num(d.attempt) ? ` after ${num(d.attempt)} attempts` : ""}`,
  "email.requeued": (a, d) => `${a} requeued the failed email to ${text(d.to) ?? "the recipient"}`,
  "review.approved": (a, d) => {
    const other = text(d.destination);
    return withReason(`${a} approved${other ? `, the code to go to ${other} instead of the owner of record` : ""}`, d.reason);
  },
  "review.refused": (a, d) => withReason(`${a} refused`, d.reason),
  "evidence.added": (a, d) => {
    const hash = text(d.sha256);
    return `${a} kept the customer's photo with the ticket, location data removed${hash ? ` (SHA-256 ${hash.slice(0, 12)}…)` : ""}`;
  },
  "evidence.purged": (_a, d) =>
    `The customer's photo was deleted${num(d.retentionDays) !== null ? ` after the ${num(d.retentionDays)}-day retention period` : " (retention)"}`,
  "mfa.totp_enrolled": (a, d) => `${a} set up an authenticator app${num(d.recoveryCodes) ? ` and received ${num(d.recoveryCodes)} recovery codes` : ""}`,
  "mfa.verified": (a, d) => {
    const how =
      d.method === "recovery_code"
        ? `a recovery code (${num(d.recoveryCodesLeft) ?? "?"} left)`
        : d.method === "passkey"
          ? `their passkey${text(d.name) ? ` “${text(d.name)}”` : ""}`
          : "their authenticator app";
    return d.purpose === "step_up" ? `${a} confirmed a risky change with ${how}` : `${a} completed sign-in with ${how}`;
  },
  "mfa.failed": (a, d) => {
    const why =
      d.method === "passkey"
        ? d.reason === "passkey_counter"
          ? "a passkey answer with a stale signature counter (replayed or cloned)"
          : "a passkey answer that did not check out"
        : d.reason === "replayed"
          ? "an authenticator code already used"
          : d.reason === "wrong_recovery_code"
            ? "a wrong or used recovery code"
            : "a wrong code";
    const when = d.purpose === "step_up" ? "to confirm a risky change" : d.purpose === "enrolment" ? "while setting up an authenticator app" : "at sign-in";
    return `${a} gave ${why} ${when}`;
  },
  "mfa.factors_reset": (a, d) =>
    `${a} reset the second factor of ${text(d.name) ?? "a user"}${num(d.passkeysRemoved) ? ` (authenticator app and ${num(d.passkeysRemoved)} passkey(s) removed)` : ""}: they set it up again at their next sign-in`,
  "mfa.passkey_added": (a, d) => `${a} added a passkey${text(d.name) ? ` named “${text(d.name)}”` : ""}`,
  "mfa.passkey_removed": (a, d) => `${a} removed their passkey${text(d.name) ? ` “${text(d.name)}”` : ""}`,
  "auth.sign_in": (a, d) =>
    d.method === "passkey" ? `${a} signed in with a passkey${text(d.name) ? ` (“${text(d.name)}”)` : ""}, no password needed` : `${a} signed in`,
  "auth.session_ended": (a) => `${a} signed out one of their other sessions`,
  "auth.denied": (a, d) => `${a} ${DENIALS[String(d.what)] ?? "was refused access"}`,
  "auth.sso_sign_in": (a, d) => {
    const role = ROLE_WORDS[String(d.role)];
    const via = d.via === "domain" ? ", let in by an allowed email domain" : "";
    return `${a} signed in with single sign-on${role ? ` as ${role}` : ""}${via}${d.newUser ? " (first sign-in: account created)" : ""}`;
  },
  "auth.sso_refused": (a, d) => {
    const who = a === "anonymous" ? `Someone${text(d.email) && d.email !== "(none)" ? ` (${text(d.email)})` : ""}` : a;
    return `${who} was refused single sign-on: ${SSO_REFUSALS[String(d.reason)] ?? "refused"}`;
  },
  "auth.sso_session_ended": (a, d) =>
    `${a}'s single sign-on session was ended: ${SSO_ENDINGS[String(d.reason)] ?? "the identity provider no longer vouches for it"}`,
  "auth.sso_role_changed": (a, d) =>
    `${a}'s single sign-on role followed the identity provider's groups: ${ROLE_WORDS[String(d.from)] ?? "none"} → ${ROLE_WORDS[String(d.to)] ?? "none"}`,
};

/**
 * An audit event as a sentence ("Sam approved, reason: called the owner back") and the recorded
 * details as labelled facts, for the ticket timeline. Actor, ids, worker and message id stay in
 * the facts; the sentence never shows an id.
 */
export function describeEvent(event: EventInput): { sentence: string; facts: AuditFact[] } {
  const details = event.details && typeof event.details === "object" && !Array.isArray(event.details) ? (event.details as Details) : {};
  const sentence =
    SENTENCES[event.action]?.(event.actorLabel, details) ?? `${event.actorLabel}: ${describeAction(event.action).replace(/^./, (c) => c.toLowerCase())}`;
  return { sentence, facts: detailFacts(details) };
}
/** Every action the console records, for the audit log's action filter. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(ACTION_WORDS);
