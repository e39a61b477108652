import "server-only";
import type { Db } from "@/lib/db/client";

/** One captured message with both parts, or null. */
export async function getDevMail(options: { db: Db; id: string }) {
  return options.db.devMail.findUnique({ where: { id: options.id } });
}
