import "server-only";
import type { Db } from "@/lib/db/client";

/** Active users a supervisor can assign a ticket to. */
export async function listAssignableStaff(options: { db: Db }) {
  return options.db.user.findMany({ where: { active: true, passwordHash: { not: null } }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}
