import { describe, expect, it } from "vitest";
import { REASON_CODES } from "@/lib/tickets/checks/types";
import { fillReply, GUIDANCE } from "./next-steps";

describe("guidance for every reason code", () => {
  it.each(REASON_CODES)("%s has a next step and a customer reply", (code) => {
    expect(GUIDANCE[code].step.length).toBeGreaterThan(15);
    expect(GUIDANCE[code].reply).toContain("{name}");
    expect(GUIDANCE[code].reply).toContain("{ref}");
  });

  it("never tells a customer about a recorder's registry state", () => {
    for (const code of REASON_CODES) {
      expect(GUIDANCE[code].reply).not.toMatch(/stolen|blocked|flag|police|registry|not registered/i);
    }
    // The three states a thief must not tell apart read the same to the customer.
    expect(new Set([GUIDANCE.DEVICE_STOLEN.reply, GUIDANCE.DEVICE_BLOCKED.reply, GUIDANCE.DEVICE_NOT_REGISTERED.reply]).size).toBe(1);
  });

  it("fills the placeholders, every time they occur", () => {
    expect(fillReply("Hi {name}, {ref} / {ref}", { name: "Zoë", ref: "RT-000042" })).toBe("Hi Zoë, RT-000042 / RT-000042");
  });
});
