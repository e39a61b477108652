import "server-only";
import type { Db } from "@/lib/db/client";
import { MAX_LISTED_DEVICES } from "./constants";
import type { SimulatorDeviceOption } from "./types";

export interface ListSimulatorDevicesOptions {
  readonly db: Db;
}

/**
 * Registered, active recorders with an owner of record (only those have a reserved email to
 * reset with; stolen and blocked ones are refused at power-on), newest first. Deliberately without the owner's email: the person must type it, like an owner.
 */
export async function listSimulatorDevices({ db }: ListSimulatorDevicesOptions): Promise<SimulatorDeviceOption[]> {
  return db.device.findMany({
    where: { ownerId: { not: null }, status: "ACTIVE" },
    orderBy: [{ createdAt: "desc" }, { serial: "asc" }],
    take: MAX_LISTED_DEVICES,
    select: { serial: true, model: true, keyVersion: true, status: true },
  });
}
