import { describe, expect, it } from "vitest";
import { autoReplyRefusal, automatedReason } from "./auto-reply-rules";

const msg = (headers: Record<string, string>, from: string | null = "kim@example.org", isReport = false) => ({ from, headers, isReport });

describe("RFC 3834 rules", () => {
  it("treats Auto-Submitted other than 'no' as automated (it opens nothing)", () => {
    expect(automatedReason(msg({ "auto-submitted": "auto-replied" }))).toBe("Auto-Submitted: auto-replied");
    expect(automatedReason(msg({ "auto-submitted": "auto-generated; owner-email=x@y" }))).toBe("Auto-Submitted: auto-generated");
    expect(automatedReason(msg({ "auto-submitted": "no" }))).toBeNull();
    expect(automatedReason(msg({ "auto-submitted": "No" }))).toBeNull();
  });
  it("treats bounces, mail systems, our own address and our own mail as automated", () => {
    expect(automatedReason(msg({}, null, true))).toBe("a delivery report");
    expect(automatedReason(msg({}, "MAILER-DAEMON@mx.example.org"))).toMatch(/mailer-daemon/);
    expect(automatedReason(msg({}, "postmaster@example.org"))).toMatch(/mailer-daemon/);
    expect(automatedReason(msg({}, "support@reset.example"), ["Support@Reset.example"])).toMatch(/loop/);
    expect(automatedReason(msg({}, null))).toBe("no sender address");
  });
  it("answers no bulk, list, junk or no-reply mail, but a person's mail may be answered", () => {
    expect(autoReplyRefusal(msg({ precedence: "bulk" }))).toBe("Precedence: bulk");
    expect(autoReplyRefusal(msg({ precedence: "junk" }))).toBe("Precedence: junk");
    expect(autoReplyRefusal(msg({ precedence: "list" }))).toBe("Precedence: list");
    expect(autoReplyRefusal(msg({ "list-unsubscribe": "<mailto:u@x>" }))).toBe("a list message (list-unsubscribe)");
    expect(autoReplyRefusal(msg({}, "no-reply@shop.example"))).toBe("a no-reply sender");
    expect(autoReplyRefusal(msg({}, "noreply+abc@shop.example"))).toBe("a no-reply sender");
    expect(autoReplyRefusal(msg({ "x-auto-response-suppress": "All" }))).toBe("X-Auto-Response-Suppress");
    expect(autoReplyRefusal(msg({ precedence: "first-class" }))).toBeNull();
    expect(autoReplyRefusal(msg({}, "noreen@example.org"))).toBeNull();
  });
});
