import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const DEVICES_PAGE_SIZE = 50;

/**
 * Devices ordered by serial, found by serial prefix or owner email, DEVICES_PAGE_SIZE at a time.
 * Keyset pagination (serial > after) stays fast at any depth, unlike OFFSET.
 */
export async function listDevices(options: { db: Db; q?: string; after?: string }) {
  const q = options.q?.trim();
  const where: Prisma.DeviceWhereInput = {
    ...(q ? { OR: [{ serial: { startsWith: q.toUpperCase() } }, { owner: { email: { startsWith: q.toLowerCase() } } }] } : {}),
    ...(options.after ? { serial: { gt: options.after } } : {}),
  };
  const rows = await options.db.device.findMany({
    where,
    orderBy: { serial: "asc" },
    take: DEVICES_PAGE_SIZE + 1,
    select: { serial: true, model: true, status: true, keyVersion: true, owner: { select: { email: true, name: true } } },
  });
  const page = rows.slice(0, DEVICES_PAGE_SIZE);
  return { devices: page, nextAfter: rows.length > DEVICES_PAGE_SIZE ? (page.at(-1)?.serial ?? null) : null };
}
