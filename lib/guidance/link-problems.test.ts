import { describe, expect, it } from "vitest";
import { ChallengeParseError, type ChallengeParseReason, parseChallengeInText } from "@/lib/reset-protocol/client";
import { explainLinkProblem } from "./link-problems";

const REASONS: ChallengeParseReason[] = ["not-rp1", "too-long", "malformed", "unknown", "repeated", "missing", "empty", "format"];

function reasonOf(text: string): ChallengeParseReason {
  try {
    parseChallengeInText(text);
  } catch (e) {
    if (e instanceof ChallengeParseError) return e.reason;
  }
  throw new Error("expected a refusal");
}

describe("plain-language link problems", () => {
  it.each(REASONS)("%s: says what to do, in words a customer call can use, with a reply", (reason) => {
    const { message, reply } = explainLinkProblem(reason);
    expect(message).toMatch(/ask|paste/i);
    // No protocol words, field letters or quoted field names.
    for (const text of [message, reply]) expect(text).not.toMatch(/RP1|challenge|canonical|base64|nonce|"[a-z]"|field/i);
    expect(reply.length).toBeGreaterThan(80);
  });

  it("a link cut off in the middle is called cut off", () => {
    const cut = "Here it is: https://reset.example.com/rp1?s=NVR8-2411-000123&p=NVR8&m=A1B2C3D4E5F6&f=4.1.7&v=1";
    expect(explainLinkProblem(reasonOf(cut)).message).toBe("The link is cut off: ask the customer to copy all of it.");
  });

  it("a message without a link says there is none", () => {
    expect(explainLinkProblem(reasonOf("Hi, I forgot the password of my recorder. Regards, Kim")).message).toMatch(/no password-reset link/);
  });
});
