import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./seal";

const key = randomBytes(32);
const userId = "5d0b4e5e-8f0e-4c8a-9d55-1f2a3b4c5d6e";

describe("sealing TOTP seeds (AES-256-GCM)", () => {
  it("opens what it sealed, and never stores the seed in clear or twice alike", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", userId, key);
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DP");
    expect(sealSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", userId, key)).not.toBe(sealed);
    expect(openSecret(sealed, userId, key)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });

  it("refuses another key, another user's row, and any changed byte", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", userId, key);
    expect(() => openSecret(sealed, userId, randomBytes(32))).toThrow();
    expect(() => openSecret(sealed, "00000000-0000-4000-8000-000000000000", key)).toThrow();
    const [v, nonce, tag, body] = sealed.split(".");
    const flipped = Buffer.from(body!, "base64url");
    flipped[0]! ^= 1;
    expect(() => openSecret([v, nonce, tag, flipped.toString("base64url")].join("."), userId, key)).toThrow();
    expect(() => openSecret("plain-seed", userId, key)).toThrow();
  });
});
