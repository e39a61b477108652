import { describe, expect, it } from "vitest";
import { MAX_CLOCK_OFFSET_HOURS } from "./constants";
import { powerOnSchema, simulatorStepSchema } from "./schemas";

describe("simulator schemas", () => {
  it("reads form fields into steps", () => {
    expect(simulatorStepSchema.parse({ op: "answer-sync", sync: "yes" })).toEqual({ op: "answer-sync", sync: true });
    expect(simulatorStepSchema.parse({ op: "set-clock", offsetHours: "-25" })).toEqual({ op: "set-clock", offsetHours: -25 });
    expect(simulatorStepSchema.parse({ op: "reboot", $ACTION_KEY: "k" })).toEqual({ op: "reboot" });
  });

  it("refuses unknown steps, fractional or huge clock offsets", () => {
    expect(simulatorStepSchema.safeParse({ op: "reveal-code" }).success).toBe(false);
    expect(simulatorStepSchema.safeParse({ op: "set-clock", offsetHours: "1.5" }).success).toBe(false);
    expect(simulatorStepSchema.safeParse({ op: "set-clock", offsetHours: String(MAX_CLOCK_OFFSET_HOURS + 1) }).success).toBe(false);
    expect(simulatorStepSchema.safeParse({ op: "set-clock", offsetHours: "" }).success).toBe(false);
    expect(simulatorStepSchema.safeParse({ op: "set-clock" }).success).toBe(false);
  });

  it("treats empty bench fields as missing and upper-cases the serial", () => {
    expect(powerOnSchema.parse({ mode: "bench", serial: " nvr-1 ", model: "", mac: "", reservedEmail: "", firmware: "", keyVersion: "" })).toEqual({
      mode: "bench",
      serial: "NVR-1",
      model: undefined,
      mac: undefined,
      reservedEmail: undefined,
      firmware: undefined,
      keyVersion: undefined,
    });
    expect(powerOnSchema.safeParse({ mode: "registered", serial: "  " }).success).toBe(false);
  });
});
