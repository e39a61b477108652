import "server-only";
import type { Db } from "@/lib/db/client";

/** Most messages the dev mailbox lists. */
export const DEV_MAILBOX_LIMIT = 100;

/** Captured mail (demo mode without SMTP), newest first: the simulated owners' inbox. */
export async function listDevMail(options: { db: Db; limit?: number }) {
  return options.db.devMail.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? DEV_MAILBOX_LIMIT,
    select: { id: true, to: true, subject: true, createdAt: true },
  });
}
