import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "@/lib/settings/defaults";
import { outboxMessageId } from "@/lib/outbox/outbox-message-id";
import { formatMailAddress, mailFrom } from "./mail-from";

describe("mailFrom", () => {
  it("uses the settings unless MAIL_FROM overrides them", () => {
    expect(mailFrom({ settings: DEFAULT_SETTINGS, env: {} })).toEqual({ name: "SecureView Support", address: "support@recorders.example" });
    expect(mailFrom({ settings: DEFAULT_SETTINGS, env: { MAIL_FROM: "Reset Console <noreply@mail.example>" } })).toEqual({
      name: "Reset Console",
      address: "noreply@mail.example",
    });
    expect(mailFrom({ settings: DEFAULT_SETTINGS, env: { MAIL_FROM: "noreply@mail.example" } })).toEqual({
      name: "SecureView Support",
      address: "noreply@mail.example",
    });
    expect(mailFrom({ settings: DEFAULT_SETTINGS, env: { MAIL_FROM: "not an address" } }).address).toBe("support@recorders.example");
  });
  it("formats with a quoted name", () => {
    expect(formatMailAddress({ name: 'A "B"', address: "a@b.example" })).toBe('"A \\"B\\"" <a@b.example>');
  });
});

describe("outboxMessageId", () => {
  it("is the same for every attempt of a row and uses the sender's domain", () => {
    const id = "0b7c1f8e-8a55-4c1c-9d43-0e0b4b1f9a11";
    expect(outboxMessageId({ outboxId: id, senderAddress: "support@Recorders.Example" })).toBe(`<outbox.${id}@recorders.example>`);
    expect(outboxMessageId({ outboxId: id, senderAddress: "weird" })).toBe(`<outbox.${id}@reset-console.invalid>`);
  });
});
