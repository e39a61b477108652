import "server-only";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { SIMULATOR_COOKIE, SIMULATOR_COOKIE_PATH, SIMULATOR_STATE_TTL_MS } from "./constants";
import { sealState } from "./sealed-state";
import { simulatorSecret } from "./simulator-secret";
import type { SealedSimulator, SimulatorEnvelope } from "./types";

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
