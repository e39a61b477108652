import { describe, expect, it } from "vitest";
import { invitationPayloadSchema, ownerChangeNoticePayloadSchema, resetCodePayloadSchema } from "./payloads";

const uuid = "0b7c1f8e-8a55-4c1c-9d43-0e0b4b1f9a11";

describe("outbox payload schemas", () => {
  it("accept what the enqueuers write", () => {
    expect(resetCodePayloadSchema.safeParse({ ticketId: uuid, challengeId: uuid, codeIssueId: uuid }).success).toBe(true);
    expect(invitationPayloadSchema.safeParse({ invitationId: uuid }).success).toBe(true);
    // lib/devices/notify-owner-change.ts writes exactly this; the audience defaults to the previous owner.
    const notice = ownerChangeNoticePayloadSchema.parse({
      deviceSerial: "NVR8-2411-000123",
      changedAt: "2026-03-14T09:30:00.000Z",
      newOwnerMasked: "n***w@example.com",
    });
    expect(notice.audience).toBe("PREVIOUS_OWNER");
  });

  it("refuse malformed payloads and whole third-party addresses", () => {
    expect(resetCodePayloadSchema.safeParse({ ticketId: uuid, challengeId: uuid }).success).toBe(false);
    expect(invitationPayloadSchema.safeParse({ invitationId: "x" }).success).toBe(false);
    expect(ownerChangeNoticePayloadSchema.safeParse({ deviceSerial: "S1", changedAt: "yesterday" }).success).toBe(false);
    expect(
      ownerChangeNoticePayloadSchema.safeParse({ deviceSerial: "S1", changedAt: "2026-03-14T09:30:00Z", newOwnerMasked: "new.owner@example.com" }).success,
    ).toBe(false);
  });
});
