import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { captureLogs } from "@/lib/testing/capture-logs";

vi.mock("@/lib/auth/guard", () => ({ requireUser: vi.fn(async () => ({ id: "user-7", role: "ADMIN" })) }));
const { DEFAULT_BODY_LIMIT, guardedRoute } = await import("./route");

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

describe("guardedRoute's request checks", () => {
  const echo = vi.fn(async (req: Request) => Response.json({ got: await req.json() }));
  const route = guardedRoute("ADMIN", "api:POST /api/v1/things", echo);

  it("refuses a cross-site browser request, GET included, before the handler runs", async () => {
    echo.mockClear();
    const crossSite: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { origin: "https://evil.example" }];
    for (const headers of crossSite) {
      const response = await route(new Request("http://console.test/api/v1/audit/verify", { headers }), {});
      expect(response.status).toBe(403);
    }
    expect(echo).not.toHaveBeenCalled();
    // The address bar (none) and the console itself (same-origin) are fine.
    const get = guardedRoute("ADMIN", "api:GET /api/v1/things", async () => Response.json({ ok: true }));
    for (const site of ["none", "same-origin"]) {
      expect((await get(new Request("http://console.test/api/v1/audit/verify", { headers: { "sec-fetch-site": site } }), {})).status).toBe(200);
    }
  });

  it("refuses a declared Content-Length over the limit unread, and a body that streams past it without one", async () => {
    echo.mockClear();
    const big = JSON.stringify({ x: "a".repeat(DEFAULT_BODY_LIMIT) });
    const declared = await route(
      new Request("http://console.test/api/v1/things", { method: "POST", body: big, headers: { "content-length": String(big.length) } }),
      {},
    );
    expect(declared.status).toBe(413);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("a".repeat(8 * 1024)));
        controller.close();
      },
    });
    const streamed = await route(new Request("http://console.test/api/v1/things", { method: "POST", body: chunks, duplex: "half" } as RequestInit), {});
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: string }).error).toBe("TOO_LARGE");
    expect(echo).not.toHaveBeenCalled();
    const small = await route(new Request("http://console.test/api/v1/things", { method: "POST", body: JSON.stringify({ a: 1 }) }), {});
    expect(await small.json()).toEqual({ got: { a: 1 } });
  });

  it("a streaming route gets the body as it arrives, capped at its own limit", async () => {
    const upload = guardedRoute("ADMIN", "api:POST /api/v1/upload", async (req) => Response.json({ bytes: (await req.arrayBuffer()).byteLength }), {
      bodyLimit: 100,
      streamBody: true,
    });
    expect(await (await upload(new Request("http://console.test/u", { method: "POST", body: "x".repeat(100) }), {})).json()).toEqual({ bytes: 100 });
    const over = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array(60));
        controller.enqueue(new Uint8Array(60));
        controller.close();
      },
    });
    expect((await upload(new Request("http://console.test/u", { method: "POST", body: over, duplex: "half" } as RequestInit), {})).status).toBe(413);
  });
});
