import { describe, expect, it } from "vitest";
import { canApproveZeroTouch, isZeroTouchCandidate, senderPassedDmarc, trustedAuthResults, zeroTouchNeedsSecondAdmin } from "./zero-touch-rules";

const pass = (id: string) => ({ id, outcome: "pass" });
const clean = { channel: "EMAIL", status: "READY", decision: "ISSUE", checks: [pass("SIGNATURE_OK"), pass("REQUESTER_IS_OWNER")], senderPassedDmarc: true };

describe("zero-touch rules", () => {
  it("needs a second admin to turn on, never to turn off", () => {
    expect(zeroTouchNeedsSecondAdmin(true)).toBe(true);
    expect(zeroTouchNeedsSecondAdmin(false)).toBe(false);
  });
  it("never lets the requester approve", () => {
    const request = { requestedById: "a", requestedAt: "2026-01-01T00:00:00Z" };
    expect(canApproveZeroTouch(request, "a").ok).toBe(false);
    expect(canApproveZeroTouch(request, "b").ok).toBe(true);
    expect(canApproveZeroTouch(null, "b").ok).toBe(false);
  });
  it("takes only clean email requests from the owner's own address", () => {
    expect(isZeroTouchCandidate(clean)).toBe(true);
    expect(isZeroTouchCandidate({ ...clean, channel: "PHONE" })).toBe(false);
    expect(isZeroTouchCandidate({ ...clean, decision: "REVIEW" })).toBe(false);
    expect(isZeroTouchCandidate({ ...clean, status: "APPROVED" })).toBe(false);
    expect(isZeroTouchCandidate({ ...clean, checks: [pass("SIGNATURE_OK")] })).toBe(false);
    expect(isZeroTouchCandidate({ ...clean, checks: [...clean.checks, { id: "VELOCITY", outcome: "review" }] })).toBe(false);
    expect(isZeroTouchCandidate({ ...clean, checks: [] })).toBe(false);
    expect(isZeroTouchCandidate({ ...clean, senderPassedDmarc: false })).toBe(false);
  });
  it("trusts only our own receiving servers' Authentication-Results, and needs their dmarc=pass", () => {
    const ours = "mx.console.example 1; spf=pass smtp.mailfrom=a.example; dmarc=pass header.from=a.example";
    const forged = "evil.example; dmarc=pass header.from=a.example";
    expect(trustedAuthResults([ours, forged], ["MX.console.example"])).toEqual([ours]);
    expect(trustedAuthResults([ours], [])).toEqual([]);
    expect(senderPassedDmarc([ours])).toBe(true);
    expect(senderPassedDmarc(["mx.console.example; dmarc=fail header.from=a.example"])).toBe(false);
    expect(senderPassedDmarc(["mx.console.example; dkim=pass; x-dmarc=passive"])).toBe(false);
  });
});
