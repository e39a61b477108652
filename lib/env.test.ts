import { afterEach, describe, expect, it, vi } from "vitest";
import { buildEnv, configuredSecrets, ENV_NAMES, env, EnvError, parseEnv } from "./env";

const KEY_1 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const SECRET = "a-session-secret-of-at-least-32-characters";

function problems(source: Record<string, string>): readonly string[] {
  try {
    parseEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  throw new Error("parseEnv accepted the configuration");
}

describe("parseEnv", () => {
  it("has a default for everything optional, so an empty environment is a valid (embedded, demo-off) one", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      NODE_ENV: "development",
      DATABASE_POOL_SIZE: 10,
      PGLITE_DIR: ".data/pglite",
      SESSION_IDLE_MINUTES: 30,
      OUTBOX_WORKER: "in-app",
      DEMO_MODE: false,
      ENABLE_SIMULATOR: false,
      DISABLE_HSTS: false,
      NEXT_DIST_DIR: ".next",
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.TRUSTED_PROXY_HOPS).toBeUndefined();
  });

  it("types the values: numbers, switches, trimmed strings; blank counts as unset", () => {
    const config = parseEnv({
      DATABASE_POOL_SIZE: " 4 ",
      DEMO_MODE: "1",
      ENABLE_SIMULATOR: "0",
      RESET_HOST: " reset.example.org ",
      SMTP_URL: "  ",
      TRUSTED_PROXY_HOPS: "2",
    });
    expect(config).toMatchObject({ DATABASE_POOL_SIZE: 4, DEMO_MODE: true, ENABLE_SIMULATOR: false, RESET_HOST: "reset.example.org", TRUSTED_PROXY_HOPS: 2 });
    expect(config.SMTP_URL).toBeUndefined();
  });

  it("names every bad variable and what is allowed, in one error", () => {
    expect(
      problems({ DATABASE_POOL_SIZE: "lots", DEMO_MODE: "yes", NODE_ENV: "staging", SESSION_IDLE_MINUTES: "0", OUTBOX_WORKER: "sidecar", LOG_LEVEL: "loud" }),
    ).toEqual([
      "NODE_ENV must be development, production or test",
      "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent",
      "DATABASE_POOL_SIZE must be a whole number from 1 to 1000",
      "SESSION_IDLE_MINUTES must be a whole number from 1 to 720",
      'OUTBOX_WORKER must be "external" (a separate npm run outbox:worker delivers mail) or "in-app"',
      "DEMO_MODE must be 1 (on) or 0 (off)",
    ]);
  });

  it("takes MFA_ENCRYPTION_KEY as 32 bytes in hex or base64 only, and keeps it out of output", () => {
    expect(parseEnv({ MFA_ENCRYPTION_KEY: "ab".repeat(32) }).MFA_ENCRYPTION_KEY).toBe("ab".repeat(32));
    expect(parseEnv({ MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") }).MFA_ENCRYPTION_KEY).toBeTruthy();
    for (const bad of ["ab".repeat(31), Buffer.alloc(16, 7).toString("base64"), "not a key"]) {
      expect(() => parseEnv({ MFA_ENCRYPTION_KEY: bad })).toThrow(/MFA_ENCRYPTION_KEY must be 32 random bytes/);
    }
    expect(JSON.stringify(parseEnv({ MFA_ENCRYPTION_KEY: "ab".repeat(32) }))).not.toContain("abab");
  });

  it("never quotes a rejected value: it may be a secret in the wrong place", () => {
    let message = "";
    try {
      parseEnv({
        DATABASE_URL: "mysql://app:hunter2-db-pass@db.internal/console",
        SMTP_URL: "http://mailer:smtp-pass-77@relay",
        NEXTAUTH_SECRET: "short-secret",
      });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("DATABASE_URL must be a postgresql:// URL");
    expect(message).toContain("SMTP_URL must be an smtp:// or smtps:// URL");
    expect(message).toContain("NEXTAUTH_SECRET must be at least 32 random characters");
    for (const value of ["hunter2-db-pass", "smtp-pass-77", "short-secret", "db.internal"]) expect(message).not.toContain(value);
  });

  it("keeps secret values out of JSON and console output while the code can still read them", () => {
    const config = parseEnv({
      NEXTAUTH_SECRET: SECRET,
      RESET_MASTER_KEYS: `1:${KEY_1}`,
      DATABASE_URL: "postgresql://app:db-pass-123@db/console",
      RESET_HOST: "reset.example.org",
    });
    expect(config.NEXTAUTH_SECRET).toBe(SECRET);
    const shown = `${JSON.stringify(config)} ${String(Object.entries(config))}`;
    for (const secret of [SECRET, KEY_1, "db-pass-123"]) expect(shown).not.toContain(secret);
    expect(shown).toContain("reset.example.org");
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("lists the secrets to scrub from text: the session secret, every key (any case), URL passwords", () => {
    const config = parseEnv({ NEXTAUTH_SECRET: SECRET, RESET_MASTER_KEYS: `1:${KEY_1}`, SMTP_URL: "smtp://mailer:p%40ss-word@relay:587" });
    expect(configuredSecrets(config)).toEqual(expect.arrayContaining([SECRET, KEY_1, KEY_1.toUpperCase(), "p%40ss-word", "p@ss-word"]));
  });

  it("knows every variable the README documents", () => {
    expect(ENV_NAMES).toEqual(expect.arrayContaining(["DATABASE_URL", "RESET_MASTER_KEYS", "SMTP_URL", "TRUSTED_PROXY_HOPS", "LOG_LEVEL", "DISABLE_HSTS"]));
  });
});

describe("buildEnv", () => {
  it("checks only what next.config.ts needs, so a build does not depend on runtime settings", () => {
    expect(buildEnv({ NODE_ENV: "production", DISABLE_HSTS: "1", DATABASE_POOL_SIZE: "lots", SMTP_URL: "nonsense" })).toEqual({
      NODE_ENV: "production",
      DISABLE_HSTS: true,
      NEXT_DIST_DIR: ".next",
      NEXT_PHASE: undefined,
    });
    expect(() => buildEnv({ DISABLE_HSTS: "yes" })).toThrow("DISABLE_HSTS must be 1 (on) or 0 (off)");
  });
});

describe("env()", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("parses once and hands out the same object while the environment is unchanged", () => {
    expect(env()).toBe(env());
  });

  it("parses again when a test changes a variable", () => {
    vi.stubEnv("SESSION_IDLE_MINUTES", "45");
    expect(env().SESSION_IDLE_MINUTES).toBe(45);
    vi.stubEnv("SESSION_IDLE_MINUTES", "nope");
    expect(() => env()).toThrow(EnvError);
    vi.stubEnv("SESSION_IDLE_MINUTES", "");
    expect(env().SESSION_IDLE_MINUTES).toBe(30);
  });
});
