import { describe, expect, it } from "vitest";
import { recordDecodeReport } from "./decode-report";
import { metricsAccess, parseBind } from "./metrics-access";
import { metrics } from "./metrics";

const TOKEN = "metrics-token-metrics-token-0123456789";
const headers = (authorization?: string) => new Headers(authorization ? { authorization } : {});

describe("metricsAccess", () => {
  it("is off without a token, and lets only the exact bearer token through", () => {
    expect(metricsAccess(headers(`Bearer ${TOKEN}`), undefined)).toBe("off");
    expect(metricsAccess(headers(`Bearer ${TOKEN}`), TOKEN)).toBe("ok");
    expect(metricsAccess(headers(`bearer ${TOKEN}`), TOKEN)).toBe("ok");
    expect(metricsAccess(headers(`Bearer ${TOKEN}x`), TOKEN)).toBe("denied");
    expect(metricsAccess(headers(TOKEN), TOKEN)).toBe("denied");
    expect(metricsAccess(headers(), TOKEN)).toBe("denied");
  });

  it("reads METRICS_BIND as host and port, loopback by default", () => {
    expect(parseBind("127.0.0.1:9464")).toEqual({ host: "127.0.0.1", port: 9464 });
    expect(parseBind("[::1]:9464")).toEqual({ host: "::1", port: 9464 });
    expect(parseBind("9464")).toEqual({ host: "127.0.0.1", port: 9464 });
    expect(() => parseBind("metrics")).toThrow("METRICS_BIND");
  });
});

describe("recordDecodeReport", () => {
  it("counts a valid report by result and engine", async () => {
    const before = (await metrics().decodeReports.get()).values.find((v) => v.labels.result === "found" && v.labels.engine === "zxing")?.value ?? 0;
    recordDecodeReport({ result: "found", engine: "zxing", ms: 420 });
    const after = (await metrics().decodeReports.get()).values.find((v) => v.labels.result === "found" && v.labels.engine === "zxing")?.value;
    expect(after).toBe(before + 1);
  });

  it("refuses a bad report with a field error and counts nothing", async () => {
    const total = async () => (await metrics().decodeReports.get()).values.reduce((sum, v) => sum + v.value, 0);
    const before = await total();
    expect(() => recordDecodeReport({ result: "found", engine: "zxing", ms: -1 })).toThrow();
    expect(() => recordDecodeReport({ result: "maybe", ms: 10 })).toThrow();
    expect(() => recordDecodeReport(null)).toThrow();
    expect(await total()).toBe(before);
  });
});
