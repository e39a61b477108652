import "server-only";
import type { Db } from "@/lib/db/client";

/** Most messages the dev mailbox lists. */
export const DEV_MAILBOX_LIMIT = 100;

/** Kinds only admins may read: an invitation link would let anyone take over the new account. */
export const ADMIN_ONLY_MAIL = ["INVITATION"];

/** Captured mail (demo mode without SMTP), newest first: the simulated owners' inbox. */
export async function listDevMail(options: { db: Db; limit?: number; includeAdminOnly: boolean }) {
  return options.db.devMail.findMany({
    where: options.includeAdminOnly ? {} : { kind: { notIn: ADMIN_ONLY_MAIL } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.limit ?? DEV_MAILBOX_LIMIT,
    select: { id: true, to: true, subject: true, createdAt: true },
  });
}
