// Plain Node (no dependencies): runs on a fresh clone before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

export function fail(message) {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...options.env } });
  if (result.status !== 0) fail(`${[command, ...args].join(" ")} failed (exit ${result.status ?? result.signal})`);
}

/** Node 20.19+ (Prisma 7's floor; Next 16 needs 20.9). */
export function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19))
    fail(`Node.js 20.19 or newer is required (this is ${process.versions.node}): install it from nodejs.org or your package manager.`);
}

/** Installs from the lockfile when node_modules is missing or older than it, then generates the Prisma client. */
export function ensureInstalled() {
  checkNode();
  const marker = path.join(ROOT, "node_modules/.package-lock.json");
  const lock = path.join(ROOT, "package-lock.json");
  // `npm install` from the lockfile, not `npm ci`: the registry here lacks some other platforms'
  // optional binaries (e.g. @tailwindcss/oxide-darwin-arm64), which `npm ci` treats as a lockfile
  // out of sync, while `npm install` installs exactly the locked versions for this platform.
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) run("npm", ["install", "--no-audit", "--no-fund"]);
  // `prisma generate` never runs the schema engine, but insists that one exists (it cannot be downloaded here).
  const generated = path.join(ROOT, "lib/generated/prisma/client.ts");
  const schema = path.join(ROOT, "prisma/schema.prisma");
  if (!existsSync(generated) || statSync(generated).mtimeMs < statSync(schema).mtimeMs) {
    run("npx", ["prisma", "generate"], {
      env: { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? path.join(ROOT, "package.json"), PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureInstalled();
