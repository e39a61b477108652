import "server-only";
import type { Db } from "@/lib/db/client";
import type { MasterKeyRing } from "@/lib/reset-protocol";
import { buildSimulatorView } from "./build-simulator-view";
import { listSimulatorDevices } from "./list-simulator-devices";
import { loadSimulator } from "./simulator-store";
import type { SimulatorDeviceOption, SimulatorView } from "./types";

export interface LoadSimulatorPageOptions {
  readonly db: Db;
  readonly userId: string;
  readonly keys: MasterKeyRing;
}

export type SimulatorPageData =
  | { readonly kind: "off"; readonly devices: SimulatorDeviceOption[]; readonly defaultKeyVersion: number }
  | { readonly kind: "on"; readonly view: SimulatorView };

/** What /simulator shows: the user's running recorder, or the picker when none is running. */
export async function loadSimulatorPage({ db, userId, keys }: LoadSimulatorPageOptions): Promise<SimulatorPageData> {
  const now = Date.now();
  const running = await loadSimulator({ db, userId, now });
  if (!running) return { kind: "off", devices: await listSimulatorDevices({ db }), defaultKeyVersion: keys.current };
  return { kind: "on", view: await buildSimulatorView({ envelope: running.envelope, now }) };
}
