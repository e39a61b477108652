import { z } from "zod";
import { describe, expect, it } from "vitest";
import { invalidInput, parseInput } from "./errors";

describe("refused input names fields by their labels", () => {
  const schema = z.object({ ticketId: z.uuid(), reason: z.string().min(10, "Say why in at least 10 characters.") });
  const labels = { ticketId: "Ticket", reason: "Reason" };

  it("with the form's labels, the message lists the fields by label, never by key", () => {
    let error: unknown;
    try {
      parseInput(schema, { ticketId: "nope", reason: "short" }, labels);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: "Check Ticket and Reason." });
    expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors.reason).toEqual(["Say why in at least 10 characters."]);
    expect(invalidInput({ a: ["x"], b: ["y"], c: ["z"] }, { a: "First", b: "Second", c: "Third" }).message).toBe("Check First, Second and Third.");
  });

  it("without labels (or with a field it has no label for) the general message stays: a key is never shown", () => {
    expect(() => parseInput(schema, { ticketId: "nope", reason: "long enough reason" })).toThrow("Some fields need attention.");
    expect(invalidInput({ secretKey: ["bad"] }, { other: "Other" }).message).toBe("Some fields need attention.");
    expect(invalidInput({ reason: [], ticketId: undefined }, labels).fieldErrors).toEqual({});
  });
});
