import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const guard = vi.hoisted(() => ({
  requirePageUser: vi.fn(async () => ({ id: "u1" })),
  requireUser: vi.fn(async () => ({ id: "u1" })),
}));
vi.mock("@/lib/auth/guard", () => guard);
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const { requireSimulatorUser } = await import("./require-simulator-user");

describe("requireSimulatorUser", () => {
  beforeEach(() => {
    vi.stubEnv("DEMO_MODE", "");
    vi.stubEnv("ENABLE_SIMULATOR", "");
    guard.requirePageUser.mockClear();
    guard.requireUser.mockClear();
  });
  afterEach(() => vi.unstubAllEnvs());

  it("is a 404 when the simulator is off, before any session check", async () => {
    await expect(requireSimulatorUser({ kind: "page", what: "page:/simulator" })).rejects.toThrow("NEXT_NOT_FOUND");
    await expect(requireSimulatorUser({ kind: "action", what: "action:x" })).rejects.toThrow("NEXT_NOT_FOUND");
    expect(guard.requirePageUser).not.toHaveBeenCalled();
    expect(guard.requireUser).not.toHaveBeenCalled();
  });

  it.each([["DEMO_MODE"], ["ENABLE_SIMULATOR"]])("with %s=1 it requires a signed-in user of any role", async (flag) => {
    vi.stubEnv(flag, "1");
    await expect(requireSimulatorUser({ kind: "page", what: "page:/simulator" })).resolves.toEqual({ id: "u1" });
    expect(guard.requirePageUser).toHaveBeenCalledWith("AGENT", "page:/simulator");
    await requireSimulatorUser({ kind: "action", what: "action:simulatorStep" });
    expect(guard.requireUser).toHaveBeenCalledWith("AGENT", "action:simulatorStep");
  });
});
