import { describe, expect, it } from "vitest";
import { describeAction, describeEvent, detailFacts, detailLabel } from "./describe-action";

const sentence = (action: string, details: Record<string, unknown> = {}, actorLabel = "Sam Reviewer") =>
  describeEvent({ action, actorLabel, details }).sentence;

describe("audit events as sentences", () => {
  it("passkeys read as what the user did with which passkey", () => {
    expect(sentence("mfa.passkey_added", { name: "Work laptop", passkeyId: "p1" })).toBe("Sam Reviewer added a passkey named “Work laptop”");
    expect(sentence("mfa.passkey_removed", { name: "Work laptop" })).toBe("Sam Reviewer removed their passkey “Work laptop”");
    expect(sentence("mfa.verified", { method: "passkey", purpose: "sign_in", name: "Key" })).toBe("Sam Reviewer completed sign-in with their passkey “Key”");
    expect(sentence("mfa.verified", { method: "passkey", purpose: "step_up" })).toBe("Sam Reviewer confirmed a risky change with their passkey");
    expect(sentence("auth.sign_in", { method: "passkey", name: "Key" })).toBe("Sam Reviewer signed in with a passkey (“Key”), no password needed");
    expect(sentence("auth.sign_in", { sessionId: "s1" })).toBe("Sam Reviewer signed in");
    expect(sentence("mfa.failed", { method: "passkey", purpose: "sign_in", reason: "passkey_counter" })).toBe(
      "Sam Reviewer gave a passkey answer with a stale signature counter (replayed or cloned) at sign-in",
    );
    expect(describeAction("mfa.passkey_added")).toBe("Added a passkey");
  });

  it("a review decision names the supervisor and the reason, and another address when there is one", () => {
    expect(
      sentence("review.approved", { ticket: 42, reason: "Called the owner back on the registered number.", alternateDestination: false, destination: null }),
    ).toBe("Sam Reviewer approved, reason: Called the owner back on the registered number.");
    expect(sentence("review.approved", { reason: "", destination: null })).toBe("Sam Reviewer approved");
    expect(
      sentence("review.approved", { reason: "Owner's old mailbox was closed by the ISP.", alternateDestination: true, destination: "n***x@customer.test" }),
    ).toBe("Sam Reviewer approved, the code to go to n***x@customer.test instead of the owner of record, reason: Owner's old mailbox was closed by the ISP.");
    expect(sentence("review.refused", { reason: "The caller could not name the shop." })).toBe(
      "Sam Reviewer refused, reason: The caller could not name the shop.",
    );
  });

  it("delivery reads as what reached whom, with the masked address recorded, never an id", () => {
    const details = { outboxId: "0b7c…", kind: "RESET_CODE", to: "j***e@example.com", attempt: 1, worker: "web-1", messageId: "<abc@mail>", captured: false };
    expect(sentence("email.sent", details, "outbox")).toBe("Code emailed to j***e@example.com");
    expect(sentence("email.sent", { ...details, captured: true }, "outbox")).toBe("Code emailed to j***e@example.com (captured in the dev mailbox)");
    expect(sentence("email.retry_scheduled", { ...details, attempt: 2 }, "outbox")).toBe(
      "The email to j***e@example.com did not go out (attempt 2); it will be retried",
    );
    expect(sentence("email.failed", { ...details, attempt: 8 }, "outbox")).toBe("The email to j***e@example.com failed for good after 8 attempts");
    for (const action of ["email.sent", "email.retry_scheduled", "email.failed"]) {
      expect(sentence(action, details, "outbox")).not.toMatch(/0b7c|web-1|abc@mail/);
    }
  });

  it("the ticket's own steps read as sentences", () => {
    expect(sentence("ticket.created", { number: 3, channel: "PHONE", customer: "k***e@example.org" }, "Alex Agent")).toBe(
      "Alex Agent opened the ticket (by phone) for k***e@example.org",
    );
    expect(sentence("ticket.checks_run", { results: ["CHALLENGE_VALID:pass", "DEVICE_STOLEN:refuse", "OWNER_MATCH:pass"] })).toBe(
      "The checks ran: 2 of 3 passed (flagged: DEVICE_STOLEN)",
    );
    expect(sentence("ticket.decided", { decision: "REVIEW", reasons: ["REQUESTER_EMAIL_DIFFERS"] })).toBe(
      "The checks sent the ticket to a supervisor for review (REQUESTER_EMAIL_DIFFERS)",
    );
    expect(sentence("ticket.assigned", { from: null, to: "u1", toName: "Alex Agent" }, "Alex Agent")).toBe("Alex Agent took the ticket");
    expect(sentence("ticket.assigned", { from: null, to: "u2", toName: "Kim" }, "Sam")).toBe("Sam assigned the ticket to Kim");
    expect(sentence("ticket.assigned", { from: "u2", to: null }, "Sam")).toBe("Sam unassigned the ticket");
    expect(sentence("ticket.note_added", { noteId: "n1", length: 40, toReviewer: true }, "Alex")).toBe("Alex added a note for the reviewer");
    expect(sentence("code.issued", { codeIssueId: "c1", kind: "FIRST", destination: "o***r@example.com" }, "Alex")).toBe(
      "Alex sent the code to o***r@example.com",
    );
    expect(sentence("ticket.resolved", { outcome: "DUPLICATE", duplicateOf: "RT-000007" }, "Alex")).toBe(
      "Alex resolved the ticket as a duplicate of RT-000007",
    );
    expect(sentence("ticket.resolved", { outcome: "CONFIRMED" }, "Alex")).toBe("Alex resolved the ticket: reset confirmed by the customer");
    expect(sentence("ticket.reopened", { to: "SENT", reason: "Customer says the code did not work." }, "Alex")).toBe(
      "Alex reopened the ticket (back to code sent), reason: Customer says the code did not work.",
    );
    expect(sentence("ticket.escalated", { kind: "STOLEN" }, "Alex")).toBe("Alex escalated the ticket to the supervisors (stolen recorder)");
    expect(sentence("evidence.added", { sha256: "ab".repeat(32) }, "Alex")).toBe(
      "Alex kept the customer's photo with the ticket, location data removed (SHA-256 abababababab…)",
    );
    expect(sentence("evidence.purged", { retentionDays: 90 }, "scheduler")).toBe("The customer's photo was deleted after the 90-day retention period");
    expect(sentence("auth.denied", { what: "review:four-eyes" }, "Sam")).toBe(
      "Sam tried to decide a ticket they opened or handled (four eyes) and was refused",
    );
  });

  it("an action without a sentence of its own still reads as one, naming who", () => {
    expect(sentence("user.role_changed", {}, "Ada Admin")).toBe("Ada Admin: changed a user's role");
    expect(sentence("made.up_action", {}, "Ada Admin")).toBe("Ada Admin: made: up action");
    expect(describeAction("ticket.created")).toBe("Opened the ticket");
  });

  it("details are shown under labels, never under their stored keys", () => {
    expect(
      detailFacts({ messageId: "<m@x>", worker: "web-2", outboxId: "o1", alternateDestination: true, results: ["A:pass", "B:review"], empty: "" }),
    ).toEqual([
      { label: "Message id", value: "<m@x>" },
      { label: "Worker", value: "web-2" },
      { label: "Email id", value: "o1" },
      { label: "Another address than the owner's", value: "yes" },
      { label: "Check results", value: "A:pass, B:review" },
    ]);
    expect(detailLabel("previousStatusCode")).toBe("Previous status code");
    expect(detailLabel("some_snake_key")).toBe("Some snake key");
    expect(detailFacts(null)).toEqual([]);
    expect(detailFacts(["not", "an", "object"])).toEqual([]);
  });
});
