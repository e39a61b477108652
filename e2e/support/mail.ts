import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { simpleParser, type ParsedMail } from "mailparser";
import { E2E_MAIL_DIR } from "./env";

export type ReceivedMail = { envelopeTo: string[]; mail: ParsedMail };

/**
 * The one way specs read mail: waits until the SMTP listener (global-setup.ts) has received at
 * least `count` messages for `to` (with a subject matching `subject`, if given) and returns every
 * such message, oldest first. The app's outbox worker sends them, so they arrive a little after
 * the action that queued them; this polls the listener's spool until they are there.
 */
export async function waitForMail(to: string, options: { count?: number; subject?: RegExp; timeoutMs?: number } = {}): Promise<ReceivedMail[]> {
  const want = options.count ?? 1;
  let found: ReceivedMail[] = [];
  await expect
    .poll(
      async () => {
        const names = (await readdir(E2E_MAIL_DIR).catch(() => [] as string[])).filter((n) => n.endsWith(".json")).sort();
        found = [];
        for (const name of names) {
          const envelope = JSON.parse(await readFile(path.join(E2E_MAIL_DIR, name), "utf8")) as { to: string[] };
          if (!envelope.to.includes(to)) continue;
          const mail = await simpleParser(await readFile(path.join(E2E_MAIL_DIR, name.replace(/\.json$/, ".eml"))));
          if (options.subject && !options.subject.test(mail.subject ?? "")) continue;
          found.push({ envelopeTo: envelope.to, mail });
        }
        return found.length;
      },
      { timeout: options.timeoutMs ?? 30_000, message: `mail for ${to}` },
    )
    .toBeGreaterThanOrEqual(want);
  return found;
}

/** The XXXX-XXXX code in a reset email's text part, without the hyphen. */
export function codeFromMail(mail: ParsedMail): string {
  const match = /\b([2-9A-Za-z]{4})-([2-9A-Za-z]{4})\b/.exec(mail.text ?? "");
  if (!match) throw new Error("no code in the email");
  return `${match[1]}${match[2]}`;
}
