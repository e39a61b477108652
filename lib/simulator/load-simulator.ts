import "server-only";
import { cookies } from "next/headers";
import { SIMULATOR_COOKIE } from "./constants";
import { unsealState } from "./sealed-state";
import { simulatorSecret } from "./simulator-secret";
import type { SimulatorEnvelope } from "./types";

export interface LoadSimulatorOptions {
  /** The signed-in console user the recorder belongs to (bound into the seal). */
  readonly userId: string;
  /** Real time in ms. */
  readonly now: number;
}

/** The running virtual recorder from the sealed cookie, or null (none, expired, tampered, someone else's). */
export async function loadSimulator({ userId, now }: LoadSimulatorOptions): Promise<SimulatorEnvelope | null> {
  const sealed = (await cookies()).get(SIMULATOR_COOKIE)?.value;
  return unsealState<SimulatorEnvelope>({ secret: simulatorSecret(), context: userId, sealed, now });
}
