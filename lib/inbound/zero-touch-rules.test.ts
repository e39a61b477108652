import { describe, expect, it } from "vitest";
import { canApproveZeroTouch, isZeroTouchCandidate, zeroTouchNeedsSecondAdmin } from "./zero-touch-rules";

const pass = (id: string) => ({ id, outcome: "pass" });
const clean = { channel: "EMAIL", status: "READY", decision: "ISSUE", checks: [pass("SIGNATURE_OK"), pass("REQUESTER_IS_OWNER")] };

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
  });
});
