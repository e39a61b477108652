import "server-only";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { fromRow, type SignedCheckpoint } from "./checkpoint";

/**
 * Checkpoints kept outside the database: one JSON file each, `audit-checkpoint-<number>.json`,
 * in a directory (a mounted object-store bucket, another host's share, removable media). A file
 * is written once and never changed: an existing one with other content is an error, never
 * overwritten, so a tampered database cannot launder the copies.
 */
const FILE_PATTERN = /^audit-checkpoint-(\d{12})\.json$/;
const EXPORT_BATCH = 1_000;

export function checkpointFileName(number: string): string {
  return `audit-checkpoint-${number.padStart(12, "0")}.json`;
}

const decimal = z.string().regex(/^\d{1,19}$/);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.iso.datetime();
const fileSchema = z.strictObject({
  v: z.literal(1),
  number: decimal,
  eventSeq: decimal,
  eventHash: hex64,
  eventAt: iso,
  eventCount: decimal,
  previous: hex64,
  signedAt: iso,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  hash: hex64,
  signature: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});

function fileText(checkpoint: SignedCheckpoint): string {
  return `${JSON.stringify(checkpoint, null, 2)}\n`;
}

/**
 * Writes a file that must not exist yet (O_EXCL; no rename or hard link, which object-store
 * mounts often lack). One that exists must hold the same text.
 */
async function writeOnce(file: string, text: string): Promise<"written" | "same"> {
  try {
    await writeFile(file, text, { flag: "wx", mode: 0o644 });
    return "written";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const existing = await readFile(file, "utf8");
    if (existing !== text) throw new Error(`${path.basename(file)} already exists with other content; it is never overwritten (run audit:verify against it)`);
    return "same";
  }
}

/** Writes every checkpoint the directory does not have yet. */
export async function exportCheckpoints(options: { db: Db; dir: string }): Promise<{ written: number; kept: number }> {
  const dir = path.resolve(/*turbopackIgnore: true*/ options.dir);
  await mkdir(dir, { recursive: true });
  const present = new Set((await readdir(dir)).filter((name) => FILE_PATTERN.test(name)));
  let written = 0;
  let kept = 0;
  let after = 0n;
  for (;;) {
    const rows = await options.db.auditCheckpoint.findMany({ where: { number: { gt: after } }, orderBy: { number: "asc" }, take: EXPORT_BATCH });
    for (const row of rows) {
      const checkpoint = fromRow(row);
      const name = checkpointFileName(checkpoint.number);
      // A file already there is left unread (audit:verify compares them); a race with another
      // exporter is settled by writeOnce.
      if (present.has(name) || (await writeOnce(path.join(dir, name), fileText(checkpoint))) === "same") kept += 1;
      else written += 1;
    }
    if (rows.length < EXPORT_BATCH) break;
    after = rows[rows.length - 1]!.number;
  }
  return { written, kept };
}

/** The exported checkpoints in number order; a file that does not parse is an error naming it. */
export async function readExportedCheckpoints(dir: string): Promise<SignedCheckpoint[]> {
  const resolved = path.resolve(/*turbopackIgnore: true*/ dir);
  let names: string[];
  try {
    names = (await readdir(resolved)).filter((name) => FILE_PATTERN.test(name)).sort();
  } catch {
    throw new Error(`cannot read the checkpoint directory ${dir}`);
  }
  const checkpoints: SignedCheckpoint[] = [];
  for (const name of names) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path.join(resolved, name), "utf8"));
    } catch {
      throw new Error(`${name} is not JSON`);
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success) throw new Error(`${name} is not a checkpoint: ${result.error.issues[0]?.path.join(".") || "content"} is invalid`);
    if (checkpointFileName(result.data.number) !== name) throw new Error(`${name} holds checkpoint #${result.data.number}`);
    checkpoints.push(result.data);
  }
  return checkpoints;
}
