import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

export interface BumpSimulatorVersionOptions {
  /** The client or the caller's transaction (a step bumps in the same transaction as its audit event). */
  readonly db: Prisma.TransactionClient;
  readonly userId: string;
  /**
   * The version the caller opened: the bump happens only if it is still current, so of two
   * requests carrying the same cookie only one saves. null (power on, power off): bump whatever
   * it is, so every cookie sealed before stops opening.
   */
  readonly from: number | null;
}

/**
 * Moves the user's simulator version on and returns the new one, to seal the next state with.
 * @throws AppError CONFLICT when `from` is no longer current (a replayed or concurrent cookie).
 */
export async function bumpSimulatorVersion({ db, userId, from }: BumpSimulatorVersionOptions): Promise<number> {
  if (from === null) {
    const row = await db.simulatorVersion.upsert({
      where: { userId },
      create: { userId, version: 1 },
      update: { version: { increment: 1 } },
      select: { version: true },
    });
    return row.version;
  }
  const moved = await db.simulatorVersion.updateMany({ where: { userId, version: from }, data: { version: { increment: 1 } } });
  if (moved.count !== 1) throw new AppError("CONFLICT", "The virtual recorder changed in another request. Reload the page.");
  return from + 1;
}
