import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser } from "mailparser";
import { E2E_MAIL_DIR } from "../support/env";

/** Waits for a message to `to` in the SMTP listener's spool (the app's outbox worker sends it). */
export async function waitForMail(to: string, options: { timeoutMs?: number; subject?: RegExp } = {}) {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const files = (await readdir(E2E_MAIL_DIR).catch(() => [] as string[])).filter((f) => f.endsWith(".json")).sort();
    for (const file of files) {
      const envelope = JSON.parse(await readFile(path.join(E2E_MAIL_DIR, file), "utf8")) as { to: string[] };
      if (!envelope.to.includes(to)) continue;
      const mail = await simpleParser(await readFile(path.join(E2E_MAIL_DIR, file.replace(/\.json$/, ".eml"))));
      if (options.subject && !options.subject.test(mail.subject ?? "")) continue;
      return mail;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} arrived within the timeout`);
}
