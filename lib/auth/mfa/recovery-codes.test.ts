import { describe, expect, it } from "vitest";
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from "./recovery-codes";

describe("recovery codes", () => {
  it("makes ten distinct codes of 10 unambiguous characters, written xxxxx-xxxxx", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) {
      expect(code).toMatch(/^[a-z1-9]{5}-[a-z1-9]{5}$/);
      expect(code).not.toMatch(/[ilo0]/);
      expect(looksLikeRecoveryCode(code)).toBe(true);
    }
  });

  it("hashes what the user types back the same, whatever the case, spaces and dashes", () => {
    const [code] = newRecoveryCodes(1);
    const typed = ` ${code!.toUpperCase().replace("-", " ")} `;
    expect(normalizeRecoveryCode(typed)).toBe(code!.replace("-", ""));
    expect(hashRecoveryCode(typed)).toBe(hashRecoveryCode(code!));
    expect(hashRecoveryCode(code!)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(code!)).not.toContain(normalizeRecoveryCode(code!));
  });

  it("tells a different code apart, and a TOTP code is not a recovery code", () => {
    const [a, b] = newRecoveryCodes(2);
    expect(hashRecoveryCode(a!)).not.toBe(hashRecoveryCode(b!));
    expect(looksLikeRecoveryCode("123456")).toBe(false);
    expect(looksLikeRecoveryCode("abcde-fghi")).toBe(false);
  });
});
