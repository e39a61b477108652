import "server-only";
import { cookies } from "next/headers";
import type { Db } from "@/lib/db/client";
import { bumpSimulatorVersion } from "./bump-simulator-version";
import { SIMULATOR_COOKIE, SIMULATOR_COOKIE_PATH } from "./constants";

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
