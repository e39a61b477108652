import "server-only";
import { cookies } from "next/headers";
import type { Db } from "@/lib/db/client";
import { SIMULATOR_COOKIE } from "./constants";
import { unsealState } from "./sealed-state";
import { simulatorSecret } from "./simulator-secret";
import type { SealedSimulator } from "./types";

export interface LoadSimulatorOptions {
  readonly db: Db;
  /** The signed-in console user the recorder belongs to (bound into the seal). */
  readonly userId: string;
  /** Real time in ms. */
  readonly now: number;
}

/**
 * The running virtual recorder from the sealed cookie, or null (none, expired, tampered,
 * someone else's, or sealed at an older version than the server's: a replayed cookie).
 */
export async function loadSimulator({ db, userId, now }: LoadSimulatorOptions): Promise<SealedSimulator | null> {
  const sealed = (await cookies()).get(SIMULATOR_COOKIE)?.value;
  const opened = unsealState<SealedSimulator>({ secret: simulatorSecret(), context: userId, sealed, now });
  if (!opened || !Number.isSafeInteger(opened.version)) return null;
  const current = await db.simulatorVersion.findUnique({ where: { userId }, select: { version: true } });
  return current?.version === opened.version ? opened : null;
}
