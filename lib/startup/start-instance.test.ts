import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { captureLogs } from "@/lib/testing/capture-logs";
import { startInstance } from "./start-instance";

// An Ed25519 seed (base64), one of AUDIT_SIGNING_KEY's forms.
const AUDIT_KEY = Buffer.alloc(32, 7).toString("base64");
const KEYS = "1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f,2:202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f";

describe("startInstance", () => {
  let exit: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    setMasterKeysForTests(undefined);
    exit = vi.spyOn(process, "exit").mockImplementation((() => undefined) as never);
    vi.stubEnv("OUTBOX_WORKER", "external");
    vi.stubEnv("SCHEDULER", "off");
    vi.stubEnv("RESET_MASTER_KEYS", KEYS);
    vi.stubEnv("NEXTAUTH_SECRET", "start-instance-test-secret-0123456789");
    vi.stubEnv("AUDIT_SIGNING_KEY", AUDIT_KEY);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    setMasterKeysForTests(undefined);
  });

  it("starts with a good configuration and logs the key versions only", async () => {
    const logs = captureLogs();
    await startInstance();
    expect(exit).not.toHaveBeenCalled();
    expect(logs.entries()).toEqual([
      expect.objectContaining({ level: "info", msg: "reset keys configured", keyVersions: [1, 2], currentKeyVersion: 2 }),
      expect.objectContaining({
        level: "info",
        msg: "audit checkpoints are signed",
        keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
        source: "AUDIT_SIGNING_KEY",
      }),
    ]);
    expect(logs.lines.join("")).not.toContain("0a0b0c0d");
    expect(logs.lines.join("")).not.toContain(AUDIT_KEY);
  });

  it("stops on bad values with one fatal line naming each variable, never the values", async () => {
    vi.stubEnv("DATABASE_POOL_SIZE", "abc");
    vi.stubEnv("SMTP_URL", "http://mailer:smtp-pw-42@relay");
    const logs = captureLogs();
    await expect(startInstance()).rejects.toThrow("Invalid configuration");
    expect(exit).toHaveBeenCalledWith(1);
    const [fatal, ...rest] = logs.entries();
    expect(rest).toHaveLength(0);
    expect(fatal).toMatchObject({ level: "fatal", component: "startup" });
    expect(fatal?.err?.message).toContain("DATABASE_POOL_SIZE must be a whole number from 1 to 1000");
    expect(fatal?.err?.message).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
    expect(logs.lines.join("")).not.toContain("smtp-pw-42");
  });

  it("stops without a session secret or with a bad key ring, without printing key material", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    const noSecret = captureLogs();
    await expect(startInstance()).rejects.toThrow("NEXTAUTH_SECRET must be set");
    expect(noSecret.entries().map((e) => e.level)).toEqual(["info", "info", "fatal"]);

    setMasterKeysForTests(undefined);
    vi.stubEnv("RESET_MASTER_KEYS", "1:0001020304");
    const badKeys = captureLogs();
    await expect(startInstance()).rejects.toThrow("RESET_MASTER_KEYS");
    expect(badKeys.lines.join("")).not.toContain("0001020304");
    expect(exit).toHaveBeenCalledTimes(2);
  });

  it("stops on an audit signing key that is not Ed25519, without printing it; warns when there is none", async () => {
    vi.stubEnv("AUDIT_SIGNING_KEY", "bm90LWEta2V5LWF0LWFsbA==");
    const bad = captureLogs();
    await expect(startInstance()).rejects.toThrow("AUDIT_SIGNING_KEY is not an Ed25519 private key");
    expect(bad.lines.join("")).not.toContain("bm90LWEta2V5");
    vi.stubEnv("AUDIT_SIGNING_KEY", "");
    const none = captureLogs();
    await startInstance();
    expect(none.entries().map((e) => [e.level, e.msg])).toContainEqual(["warn", expect.stringContaining("no signed checkpoints")]);
  });
});
