import "server-only";
import type { Db } from "@/lib/db/client";
import { ADMIN_ONLY_MAIL } from "./list-dev-mail";

/** One captured message with both parts, or null. */
export async function getDevMail(options: { db: Db; id: string; includeAdminOnly: boolean }) {
  return options.db.devMail.findFirst({ where: { id: options.id, ...(options.includeAdminOnly ? {} : { kind: { notIn: ADMIN_ONLY_MAIL } }) } });
}
