import "server-only";
import type { Db } from "@/lib/db/client";

export async function listUsers(options: { db: Db }) {
  return options.db.user.findMany({
    orderBy: [{ active: "desc" }, { role: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, createdAt: true, passwordHash: true },
  }).then((users) => users.map(({ passwordHash, ...u }) => ({ ...u, invited: passwordHash === null })));
}
