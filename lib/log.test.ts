import { describe, expect, it } from "vitest";
import { captureLogs } from "@/lib/testing/capture-logs";
import { currentLogContext, logger, withLogContext } from "./log";

describe("logger", () => {
  it("writes one JSON object per line with an ISO time and a level name", () => {
    const logs = captureLogs();
    logger({ component: "test" }).warn({ outboxId: "o1" }, "hello");
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]?.endsWith("\n")).toBe(true);
    expect(logs.entries()[0]).toMatchObject({
      level: "warn",
      msg: "hello",
      component: "test",
      outboxId: "o1",
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("censors secret and personal fields by name, at the top level and one level down", () => {
    const logs = captureLogs();
    const user = { id: "u1", email: "agent@example.com", passwordHash: "$argon2id$v=19$x", password: "hunter2-pw" };
    logger().info({ user, email: "owner@example.com", to: "owner@example.com", token: "tok-123456", key: "k-0123456789" }, "slip");
    const line = logs.lines.join("");
    for (const value of ["agent@example.com", "owner@example.com", "$argon2id", "hunter2-pw", "tok-123456", "k-0123456789"]) expect(line).not.toContain(value);
    expect(logs.entries()[0]).toMatchObject({ user: { id: "u1", email: "[Redacted]", password: "[Redacted]" }, email: "[Redacted]" });
  });

  it("adds the request's context to every line inside withLogContext, nested contexts merged", async () => {
    const logs = captureLogs();
    await withLogContext({ requestId: "r1" }, async () => {
      await withLogContext({ userId: "u9" }, async () => {
        await Promise.resolve();
        expect(currentLogContext()).toEqual({ requestId: "r1", userId: "u9" });
        logger().info("inside");
      });
    });
    logger().info("outside");
    const [inside, outside] = logs.entries();
    expect(inside).toMatchObject({ requestId: "r1", userId: "u9" });
    expect(outside).not.toHaveProperty("requestId");
  });
});
