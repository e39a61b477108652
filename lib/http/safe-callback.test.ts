import { describe, expect, it } from "vitest";
import { safeCallback } from "./safe-callback";

describe("safeCallback", () => {
  it.each([
    ["/tickets/abc?x=1", "/tickets/abc?x=1"],
    ["/review", "/review"],
    [undefined, "/tickets"],
    ["https://evil.example/", "/tickets"],
    ["//evil.example/", "/tickets"],
    ["/\\evil.example", "/tickets"],
    ["/\t/evil.example", "/tickets"],
    ["/%5Cevil.example", "/%5Cevil.example"],
    ["javascript:alert(1)", "/tickets"],
  ])("%j → %j", (input, expected) => {
    expect(safeCallback(input)).toBe(expected);
  });

  it("never leaves the site, whatever the browser does with the path", () => {
    for (const input of ["/%5Cevil.example", "/./\\evil", "/..//evil.example"]) {
      expect(new URL(safeCallback(input), "https://console.example").host).toBe("console.example");
    }
  });
});
