import "server-only";
import type { Db } from "@/lib/db/client";

/** Everyone who can appear as an agent or actor in a filter (disabled users too: history keeps them). */
export async function listStaff(options: { db: Db }): Promise<{ id: string; name: string; active: boolean }[]> {
  return options.db.user.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, active: true } });
}
