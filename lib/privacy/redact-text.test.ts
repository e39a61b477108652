import { describe, expect, it } from "vitest";
import { REDACTED, redactText } from "./redact-text";

describe("redactText", () => {
  it("masks email addresses, as the audit log does", () => {
    expect(redactText('duplicate key: owner "olivia.owner@example.com" exists')).toBe('duplicate key: owner "o***r@example.com" exists');
  });

  it("removes reset codes in both spellings, but not ordinary words, ids or uuids", () => {
    const text = "code 7Hd3mRt2 and 7Hd3-mRt2 rejected; the defender must retrieve password for ticket RT-000042 id 3f2b1c9e-4d5a-4e6f-8a7b-9c0d1e2f3a4b";
    const out = redactText(text);
    expect(out).not.toContain("7Hd3mRt2");
    expect(out).not.toContain("7Hd3-mRt2");
    // "defender" is spelled from the code alphabet, but a plain lower-case word is not a code.
    expect(out).toContain("the defender must retrieve password");
    expect(out).toContain("RT-000042");
    expect(out).toContain("3f2b1c9e-4d5a-4e6f-8a7b-9c0d1e2f3a4b");
  });

  it("removes key material, link tokens, TOTP seeds and password hashes", () => {
    const key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    const token = "q8Jk2VxLm0PzR7tYb3NcW5eHs9GdU1fA4iKoE6rTuY0";
    const seed = "JBSWY3DPEHPK3PXPJBSWY3DP";
    const hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    const out = redactText(`key ${key} token=${token} seed ${seed} hash ${hash}`);
    for (const secret of [key, token, seed, "aGFzaGhhc2hoYXNo"]) expect(out).not.toContain(secret);
    expect(out.split(REDACTED)).toHaveLength(5);
  });

  it("removes URL credentials and any secret it is given, longest first", () => {
    const out = redactText("connect postgresql://app:s3cret-pw@db.internal:5432/console failed; secret was my-session-secret", [
      "my-session-secret",
      "s3cret-pw",
    ]);
    expect(out).toBe(`connect postgresql://${REDACTED}@db.internal:5432/console failed; secret was ${REDACTED}`);
  });
});
