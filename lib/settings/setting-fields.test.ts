import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Settings } from "./defaults";
import { describeRange, describeSettingChange, formatSettingValue, SETTING_FIELDS, settingRange } from "./setting-fields";

describe("settings as an admin reads them", () => {
  it("says which value changed, by label and with units", () => {
    expect(describeSettingChange("challengeLifetimeHours", 24, 12)).toBe("QR code lifetime: 24 h → 12 h");
    expect(describeSettingChange("clockAheadToleranceMinutes", 15, 30)).toBe("Recorder clock ahead: 15 min → 30 min");
    expect(describeSettingChange("maxIssuesPerDevice30d", 1, 3)).toBe("Codes per recorder in 30 days: 1 code → 3 codes");
    expect(describeSettingChange("brandName", "A", "B")).toBe("Brand name: A → B");
  });
  it("gives every setting a label and help, and every number a unit and the range the server enforces", () => {
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      expect(SETTING_FIELDS[key].label).not.toMatch(/[A-Z][a-z]+[A-Z]/); // never a camelCase key
      expect(SETTING_FIELDS[key].help.length).toBeGreaterThan(20);
      if (typeof DEFAULT_SETTINGS[key] === "number") expect(SETTING_FIELDS[key].unit).toBeDefined();
    }
    expect(settingRange("challengeLifetimeHours")).toEqual({ min: 1, max: 168 });
    expect(describeRange("maxResendsPerTicketPerHour")).toBe("Allowed 0–20 resends; default 3.");
    expect(formatSettingValue("maxResendsPerTicketPerHour", 1)).toBe("1 resend");
  });
});
