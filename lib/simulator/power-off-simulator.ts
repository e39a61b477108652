import "server-only";
import { cookies } from "next/headers";
import { SIMULATOR_COOKIE, SIMULATOR_COOKIE_PATH } from "./constants";

/** Forgets the running recorder (back to the picker). */
export async function powerOffSimulator(): Promise<void> {
  (await cookies()).delete({ name: SIMULATOR_COOKIE, path: SIMULATOR_COOKIE_PATH });
}
