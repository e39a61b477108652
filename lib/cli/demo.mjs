// npm run demo : install what is missing, migrate and seed the embedded database, serve the console.
import { createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureInstalled, ROOT, run } from "./prepare.mjs";

ensureInstalled();

// Secrets for this machine's demo, made once and kept in the (git-ignored) data folder.
const dataDir = path.join(ROOT, ".data");
const envFile = path.join(dataDir, "demo.env");
mkdirSync(dataDir, { recursive: true });
if (!existsSync(envFile)) {
  writeFileSync(
    envFile,
    [
      `NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}`,
      `RESET_MASTER_KEYS=1:${randomBytes(32).toString("hex")}`,
      "RESET_MASTER_KEY_CURRENT=1",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  console.log(`Made a random demo master key and session secret in ${path.relative(ROOT, envFile)}.`);
}
// Added to an older demo.env too: the key that seals the authenticator seeds at rest.
if (!readFileSync(envFile, "utf8").includes("MFA_ENCRYPTION_KEY=")) {
  writeFileSync(envFile, `${readFileSync(envFile, "utf8").replace(/\n?$/, "\n")}MFA_ENCRYPTION_KEY=${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  console.log(`Made a random key for sealing authenticator seeds in ${path.relative(ROOT, envFile)}.`);
}
const fileEnv = Object.fromEntries(
  readFileSync(envFile, "utf8")
    .split("\n")
    .filter((l) => l.includes("="))
    .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
);
// The audit checkpoints' signing key, outside the database (the file lib/audit/checkpoints/keys.ts
// would otherwise make on first use), and a folder the signed checkpoints are exported to.
const auditKeyFile = path.join(dataDir, "audit-signing-key.pem");
if (!existsSync(auditKeyFile)) {
  const { privateKey } = generateKeyPairSync("ed25519");
  writeFileSync(auditKeyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  writeFileSync(path.join(dataDir, "audit-verify-key.pem"), createPublicKey(privateKey).export({ type: "spki", format: "pem" }));
  console.log(
    `Made a demo key for signing audit checkpoints in ${path.relative(ROOT, auditKeyFile)} (public half: .data/audit-verify-key.pem); checkpoints are exported to .data/audit-checkpoints.`,
  );
}
const port = process.env.PORT ?? "3000";
// The virtual recorder signs with its own key ring (never read from RESET_MASTER_KEYS); in the demo
// it is the same random demo key, so the console's codes open the demo's virtual recorders.
const env = {
  SIMULATOR_MASTER_KEYS: fileEnv.RESET_MASTER_KEYS,
  SIMULATOR_MASTER_KEY_CURRENT: fileEnv.RESET_MASTER_KEY_CURRENT,
  ...fileEnv,
  DEMO_MODE: "1",
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  DISABLE_HSTS: "1",
  AUDIT_SIGNING_KEY_FILE: fileEnv.AUDIT_SIGNING_KEY_FILE ?? auditKeyFile,
  AUDIT_CHECKPOINT_DIR: fileEnv.AUDIT_CHECKPOINT_DIR ?? path.join(dataDir, "audit-checkpoints"),
};
delete env.DATABASE_URL; // demo always runs on the embedded database

run("npx", ["tsx", "lib/db/cli/migrate.ts"], { env: { ...env, DATABASE_URL: "" } });
run("npx", ["tsx", "--import", "./lib/cli/server-only-hooks.mjs", "prisma/seed.ts"], { env: { ...env, DATABASE_URL: "" } });
if (!process.argv.includes("--no-build")) run("npx", ["next", "build"], { env: { ...env, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" } });
console.log(`\nReset Console: http://localhost:${port}  (sign in with an account above; Ctrl+C stops it)\n`);
run("npx", ["next", "start", "-p", port], { env: { ...env, DATABASE_URL: "", NEXT_TELEMETRY_DISABLED: "1" } });
