// npm test : the whole suite, in order of speed: formatting, types, lint, unit, integration (PGlite and
// PostgreSQL), then Playwright in Chromium. Stops at the first failing stage.
import { existsSync } from "node:fs";
import net from "node:net";
import { ensureInstalled, fail, run } from "./prepare.mjs";

ensureInstalled();

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) fail(`Chromium is needed for the browser tests: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`);

const dovecot = process.env.DOVECOT_BIN ?? "/usr/sbin/dovecot";
if (!existsSync(dovecot))
  fail(`Dovecot is needed for the inbound-mail tests (a real IMAP server): install it (Debian: apt-get install dovecot-imapd) or set DOVECOT_BIN.`);

const pgUrl = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
const reachable = await new Promise((resolve) => {
  const socket = net.connect({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  socket.setTimeout(2000);
  socket.on("connect", () => (socket.destroy(), resolve(true)));
  socket.on("error", () => resolve(false));
  socket.on("timeout", () => (socket.destroy(), resolve(false)));
});
if (!reachable)
  fail(
    `PostgreSQL is needed for the integration tests and none answers at ${pgUrl.host}: start one (Debian: apt-get install postgresql) or set TEST_DATABASE_URL.`,
  );

const started = Date.now();
for (const stage of ["format:check", "typecheck", "lint", "test:unit", "test:int", "test:e2e"]) {
  console.log(`\n▶ npm run ${stage}`);
  run("npm", ["run", "--silent", stage]);
}
console.log(`\n✓ all stages passed in ${Math.round((Date.now() - started) / 1000)} s`);
