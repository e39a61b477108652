import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { captureLogs } from "@/lib/testing/capture-logs";

vi.mock("@/lib/auth/guard", () => ({ requireUser: vi.fn(async () => ({ id: "user-7", role: "ADMIN" })) }));
const { guardedRoute } = await import("./route");

const request = (headers: Record<string, string> = {}) => new Request("http://console.test/api/v1/things", { headers });

describe("guardedRoute", () => {
  it("answers an unexpected error with 500 and an errorId, logged once with route, request and user", async () => {
    const logs = captureLogs();
    const route = guardedRoute("ADMIN", "api:GET /api/v1/things", async () => {
      logger().info("working");
      throw new Error("database said: value owner@example.com violates constraint");
    });

    const response = await route(request({ "x-request-id": "req-abc-123" }), {});

    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("req-abc-123");
    const body = (await response.json()) as { error: string; message: string; errorId: string };
    expect(body.error).toBe("INTERNAL");
    expect(body.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(body.message).toBe(`Something went wrong. (error id ${body.errorId})`);
    expect(JSON.stringify(body)).not.toContain("owner@example.com");

    const [working, failed, answered, ...rest] = logs.entries();
    expect(rest).toHaveLength(0);
    const context = { route: "api:GET /api/v1/things", requestId: "req-abc-123", userId: "user-7" };
    expect(working).toMatchObject({ level: "info", msg: "working", ...context });
    expect(failed).toMatchObject({
      level: "error",
      errorId: body.errorId,
      ...context,
      err: { message: "database said: value o***r@example.com violates constraint" },
    });
    // One completion line per request: status and duration, in the same context.
    expect(answered).toMatchObject({ level: "info", msg: "request answered", status: 500, durationMs: expect.any(Number), ...context });
    expect(logs.lines.join("\n")).not.toContain("owner@example.com");
  });

  it("answers an AppError with its status and message, and logs only the completion line", async () => {
    const logs = captureLogs();
    const route = guardedRoute("ADMIN", "api:GET /api/v1/things", async () => {
      throw new AppError("NOT_FOUND", "No such device.");
    });
    const response = await route(request({ "x-request-id": "not a valid id!" }), {});
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "NOT_FOUND", message: "No such device." });
    // A proxy's id that is not a plain token is replaced by a fresh one.
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs.entries()).toEqual([expect.objectContaining({ level: "info", msg: "request answered", status: 404 })]);
  });

  it("answers a read-only database with a clear 503 that says nothing was saved, as a warning, not an error report", async () => {
    const logs = captureLogs();
    const route = guardedRoute("ADMIN", "api:POST /api/v1/things", async () => {
      throw Object.assign(new Error("Raw query failed"), {
        code: "P2010",
        meta: { driverAdapterError: { cause: { originalCode: "25006", message: "cannot execute INSERT in a read-only transaction" } } },
      });
    });
    const response = await route(request(), {});
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await response.json()).toEqual({ error: "UNAVAILABLE", message: expect.stringContaining("Nothing was saved") });
    expect(logs.entries().map((e) => e.level)).toEqual(["warn", "info"]);
  });
});
