import { notFound } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { withLogContext } from "@/lib/log";
import { captureLogs } from "@/lib/testing/capture-logs";
import { actionError } from "./action-state";

const SECRET = "action-test-session-secret-0123456789";
const KEY = "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

describe("actionError", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("shows an AppError's own message and field errors, and logs nothing", () => {
    const logs = captureLogs();
    expect(actionError(new AppError("INVALID_INPUT", "Check the serial.", { serial: ["Required"] }))).toEqual({
      ok: false,
      error: "Check the serial.",
      fieldErrors: { serial: ["Required"] },
    });
    expect(logs.lines).toHaveLength(0);
  });

  it("logs an unexpected error once, redacted, with the error id the user is shown", () => {
    vi.stubEnv("NEXTAUTH_SECRET", SECRET);
    vi.stubEnv("RESET_MASTER_KEYS", `1:${KEY}`);
    const logs = captureLogs();
    const error = new Error(`insert failed for owner@example.com with code 7Hd3-mRt2 (secret ${SECRET}, key ${KEY.toUpperCase()})`);

    const state = withLogContext({ action: "tickets.sendCode", userId: "user-42" }, () => actionError(error));

    const errorId = /\(error id ([0-9a-f]{8})\)$/.exec(state && !state.ok ? state.error : "")?.[1];
    expect(state).toEqual({ ok: false, error: `Something went wrong. Nothing was changed; please try again. (error id ${errorId})` });
    const [entry, ...rest] = logs.entries();
    expect(rest).toHaveLength(0);
    expect(entry).toMatchObject({ level: "error", errorId, action: "tickets.sendCode", userId: "user-42", err: { type: "Error" } });
    expect(entry?.err?.message).toBe("insert failed for o***r@example.com with code [redacted] (secret [redacted], key [redacted])");
    expect(entry?.err?.stack).toContain("action-state.test.ts");
    for (const secret of ["owner@example.com", "7Hd3-mRt2", SECRET, KEY, KEY.toUpperCase()]) expect(logs.lines.join("\n")).not.toContain(secret);

    // The same error reaching a second handler keeps its id and is not logged again.
    expect(actionError(error)).toEqual(state);
    expect(logs.lines).toHaveLength(1);
  });

  it("lets Next's own control flow through (notFound, redirect), unlogged", () => {
    const logs = captureLogs();
    let thrown: unknown;
    try {
      notFound();
    } catch (e) {
      thrown = e;
    }
    expect(() => actionError(thrown)).toThrow(thrown as Error);
    expect(logs.lines).toHaveLength(0);
  });

  it("gives each unexpected error its own id", () => {
    const logs = captureLogs();
    const first = actionError(new Error("one"));
    const second = actionError("a thrown string");
    expect(first).not.toEqual(second);
    expect(logs.entries().map((e) => e.err?.type)).toEqual(["Error", "string"]);
  });
});
