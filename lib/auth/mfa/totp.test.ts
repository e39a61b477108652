import { describe, expect, it } from "vitest";
import { TEST_TOTP_SECRET } from "./testing";
import { checkTotp, newTotpSecret, TOTP_PERIOD_S, totpCode, totpStep, totpUri } from "./totp";

const secret = TEST_TOTP_SECRET;
// Mid-step, so ±1 step is unambiguous.
const now = new Date(Date.UTC(2026, 11, 6, 12, 0, 15));
const shifted = (steps: number) => new Date(now.getTime() + steps * TOTP_PERIOD_S * 1000);

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC 6238 SHA-1 vector (seed 12345678901234567890, T = 59 s → 94287082, 6 digits: 287082)", async () => {
    const rfcSeed = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // base32 of "12345678901234567890"
    expect(await totpCode(rfcSeed, new Date(59_000))).toBe("287082");
    expect(await totpCode(rfcSeed, new Date(1_111_111_109_000))).toBe("081804");
  });

  it("accepts the current code and one step of clock drift either way, nothing further", async () => {
    for (const drift of [-1, 0, 1]) {
      const result = await checkTotp({ secret, code: await totpCode(secret, shifted(drift)), lastStep: null, now });
      expect(result).toEqual({ ok: true, step: totpStep(now) + drift });
    }
    for (const drift of [-2, 2, 10]) {
      expect(await checkTotp({ secret, code: await totpCode(secret, shifted(drift)), lastStep: null, now })).toEqual({ ok: false, reason: "wrong" });
    }
  });

  it("refuses a code of a step already used (replay), and any older step, telling the audit log why", async () => {
    const code = await totpCode(secret, now);
    const first = await checkTotp({ secret, code, lastStep: null, now });
    expect(first.ok).toBe(true);
    const step = first.ok ? first.step : -1;
    expect(await checkTotp({ secret, code, lastStep: step, now })).toEqual({ ok: false, reason: "replayed" });
    expect(await checkTotp({ secret, code: await totpCode(secret, shifted(-1)), lastStep: step, now })).toEqual({ ok: false, reason: "replayed" });
    // The next step's code still works (within the drift window).
    expect(await checkTotp({ secret, code: await totpCode(secret, shifted(1)), lastStep: step, now })).toEqual({ ok: true, step: step + 1 });
  });

  it("refuses malformed input without checking it, and tolerates spaces", async () => {
    for (const code of ["", "12345", "1234567", "abcdef", "12 34 5x"]) {
      expect(await checkTotp({ secret, code, lastStep: null, now })).toEqual({ ok: false, reason: "wrong" });
    }
    const spaced = (await totpCode(secret, now)).replace(/(\d{3})/, "$1 ");
    expect((await checkTotp({ secret, code: spaced, lastStep: null, now })).ok).toBe(true);
  });

  it("makes 160-bit base32 seeds and an otpauth:// URI naming the console and the account", () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(fresh);
    const uri = new URL(totpUri(fresh, "ann@example.test"));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(fresh);
    expect(uri.searchParams.get("issuer")).toBe("Reset Console");
    expect(decodeURIComponent(uri.pathname)).toContain("ann@example.test");
  });
});
