import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Locks the active admins' rows so two admins cannot demote or disable each other at once. */
export async function lockActiveAdmins(tx: Prisma.TransactionClient): Promise<{ id: string }[]> {
  return tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "active" = true FOR UPDATE`;
}
