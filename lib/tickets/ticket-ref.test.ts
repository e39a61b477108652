import { describe, expect, it } from "vitest";
import { ticketRef } from "./ticket-ref";

describe("ticketRef", () => {
  it("pads to six digits and keeps wider numbers whole", () => {
    expect(ticketRef(123)).toBe("RT-000123");
    expect(ticketRef(1)).toBe("RT-000001");
    expect(ticketRef(1234567)).toBe("RT-1234567");
  });
  it("refuses what is not a ticket number", () => {
    expect(() => ticketRef(-1)).toThrow(RangeError);
    expect(() => ticketRef(1.5)).toThrow(RangeError);
  });
});
