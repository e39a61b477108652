import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { parseMasterKeys } from "@/lib/reset-protocol";
import { DEMO_ENV_FILE, productionProblems } from "./production-checks";

const REAL_KEYS = parseMasterKeys(`1:${"7e3a91c4".repeat(8)}`);
const VECTOR_KEYS = parseMasterKeys("1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const PRODUCTION = {
  NODE_ENV: "production",
  NEXTAUTH_URL: "https://console.example.com",
  SMTP_URL: "smtp://relay.example.com:587",
  MFA_ENCRYPTION_KEY: "5a".repeat(32),
};
const emptyDir = () => mkdtempSync(path.join(os.tmpdir(), "prod-checks-"));

describe("productionProblems", () => {
  it("lets a complete production configuration with its own keys start", () => {
    expect(productionProblems(parseEnv(PRODUCTION), REAL_KEYS, emptyDir())).toEqual([]);
  });

  it("refuses the published vector keys and names the missing settings, never a value", () => {
    const problems = productionProblems(parseEnv({ NODE_ENV: "production" }), VECTOR_KEYS, emptyDir());
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain("published RP1 test-vector key");
    expect(problems.join(" ")).toContain("NEXTAUTH_URL must be set");
    expect(problems.join(" ")).toContain("SMTP_URL must be set");
    expect(problems.join(" ")).toContain("MFA_ENCRYPTION_KEY must be set");
    expect(problems.join(" ")).not.toContain("000102");
  });

  it("refuses the demo's own key when it was copied into a production configuration", () => {
    const dir = emptyDir();
    mkdirSync(path.join(dir, ".data"));
    writeFileSync(path.join(dir, DEMO_ENV_FILE), `NEXTAUTH_SECRET=x\nRESET_MASTER_KEYS=1:${"7e3a91c4".repeat(8)}\n`);
    expect(productionProblems(parseEnv(PRODUCTION), REAL_KEYS, dir)).toEqual([expect.stringContaining("demo's key")]);
  });

  it("applies to production outside demo mode only, and test keys only when a test says so", () => {
    expect(productionProblems(parseEnv({ NODE_ENV: "development" }), VECTOR_KEYS, emptyDir())).toEqual([]);
    expect(productionProblems(parseEnv({ NODE_ENV: "production", DEMO_MODE: "1" }), VECTOR_KEYS, emptyDir())).toEqual([]);
    expect(productionProblems(parseEnv({ ...PRODUCTION, ALLOW_TEST_KEYS: "1" }), VECTOR_KEYS, emptyDir())).toEqual([]);
  });
});
