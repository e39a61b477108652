import "server-only";
import { cookies } from "next/headers";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SIMULATOR_COOKIE, SIMULATOR_COOKIE_PATH, SIMULATOR_STATE_TTL_MS } from "./constants";
import { sealState, unsealState } from "./sealed-state";
import { simulatorSecret } from "./simulator-secret";
import type { SealedSimulator, SimulatorEnvelope } from "./types";

// Where a user's virtual recorder lives between requests: sealed in a cookie (this is the one
// module of lib/simulator that touches next/headers), opened only at the version the database
// holds for that user, so an older cookie cannot be replayed.

// ── The version ───────────────────────────────────────────────────────────────────────────

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

// ── The sealed cookie ─────────────────────────────────────────────────────────────────────

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

export interface SaveSimulatorOptions {
  readonly userId: string;
  readonly envelope: SimulatorEnvelope;
  /** The server-side version just bumped to (bumpSimulatorVersion); only it opens the cookie. */
  readonly version: number;
  /** Real time in ms. */
  readonly now: number;
}

/** Seals the recorder into an httpOnly, SameSite=Strict cookie scoped to /simulator. */
export async function saveSimulator({ userId, envelope, version, now }: SaveSimulatorOptions): Promise<void> {
  const payload: SealedSimulator = { version, envelope };
  const sealed = sealState({ secret: simulatorSecret(), context: userId, payload, now, ttlMs: SIMULATOR_STATE_TTL_MS });
  (await cookies()).set(SIMULATOR_COOKIE, sealed, {
    httpOnly: true,
    sameSite: "strict",
    // Like next-auth's own cookies: Secure whenever the console is served over https.
    secure: (env().NEXTAUTH_URL ?? "").startsWith("https://"),
    path: SIMULATOR_COOKIE_PATH,
    maxAge: Math.floor(SIMULATOR_STATE_TTL_MS / 1000),
  });
}

export interface PowerOffSimulatorOptions {
  readonly db: Db;
  readonly userId: string;
}

/**
 * Forgets the running recorder (back to the picker). The version moves on too: deleting this
 * browser's cookie alone would leave a copy of it able to bring the recorder back.
 */
export async function powerOffSimulator({ db, userId }: PowerOffSimulatorOptions): Promise<void> {
  await bumpSimulatorVersion({ db, userId, from: null });
  (await cookies()).delete({ name: SIMULATOR_COOKIE, path: SIMULATOR_COOKIE_PATH });
}
