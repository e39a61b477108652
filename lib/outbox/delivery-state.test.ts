import { describe, expect, it } from "vitest";
import { deliveryState } from "./delivery-state";

describe("deliveryState", () => {
  it("tells a first wait from a retry", () => {
    expect(deliveryState({ status: "PENDING", attempts: 0 })).toBe("queued");
    expect(deliveryState({ status: "PENDING", attempts: 2 })).toBe("retrying");
    expect(deliveryState({ status: "SENDING", attempts: 1 })).toBe("sending");
    expect(deliveryState({ status: "SENT", attempts: 1 })).toBe("sent");
    expect(deliveryState({ status: "FAILED", attempts: 8 })).toBe("failed");
  });
});
