import "server-only";
import type { Db } from "@/lib/db/client";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** Every token, newest first, with who created it (never the hash). */
export async function listApiTokens(options: { db: Db }): Promise<ApiTokenRow[]> {
  const rows = await options.db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, createdById: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  const users = await options.db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return rows.map(({ createdById, ...row }) => ({ ...row, createdBy: names.get(createdById) ?? "—" }));
}
