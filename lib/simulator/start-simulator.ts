import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { AppError, invalidInput } from "@/lib/errors";
import { createRecorderState, RecorderConfigError, type RecorderIdentity } from "@/lib/recorder";
import type { MasterKeyRing } from "@/lib/reset-protocol";
import { DEFAULT_FIRMWARE } from "./constants";
import type { PowerOnRequest } from "./schemas";
import type { SimulatorEnvelope, SimulatorSource } from "./types";

export interface StartSimulatorOptions {
  readonly db: Db;
  readonly request: PowerOnRequest;
  readonly keys: MasterKeyRing;
  readonly resetHost: string;
}

/** Bytes of the random "forgotten" admin password a recorder boots with. */
const FORGOTTEN_PASSWORD_BYTES = 12;

/** "a1:b2-c3…" → "A1B2C3…", as the recorder stores its MAC. */
function normalizeMac(mac: string): string {
  return mac.replace(/[\s:.-]/g, "").toUpperCase();
}

/**
 * Powers on a virtual recorder. A registered serial (with an owner of record) plays that device,
 * whose reserved email is the owner's; any other serial is a bench recorder built from the typed
 * model, MAC and reserved email.
 * @throws AppError (unknown registered serial, missing bench fields, a value no recorder could have).
 */
export async function startSimulator({ db, request, keys, resetHost }: StartSimulatorOptions): Promise<SimulatorEnvelope> {
  const device = await db.device.findUnique({
    where: { serial: request.serial },
    select: { serial: true, model: true, mac: true, keyVersion: true, status: true, owner: { select: { email: true } } },
  });
  // A stolen or blocked recorder gets no challenge from the console's own tools either, whichever way its serial is typed.
  if (device && device.status !== "ACTIVE") {
    throw new AppError(
      "INVALID_STATE",
      `This recorder is ${device.status === "STOLEN" ? "reported stolen" : "blocked"}: the virtual recorder will not play it.`,
    );
  }
  const firmware = request.firmware ?? DEFAULT_FIRMWARE;
  let source: SimulatorSource;
  let identity: RecorderIdentity;
  if (device?.owner) {
    source = "registered";
    identity = {
      serial: device.serial,
      model: device.model,
      mac: normalizeMac(device.mac),
      firmware,
      keyVersion: device.keyVersion,
      reservedEmail: device.owner.email,
      resetHost,
    };
  } else if (request.mode === "registered") {
    throw new AppError("NOT_FOUND", "No registered recorder with an owner of record has this serial.");
  } else {
    const { model, mac, reservedEmail } = request;
    if (!model || !mac || !reservedEmail) {
      throw invalidInput({
        model: model ? undefined : ["A bench recorder needs a model."],
        mac: mac ? undefined : ["A bench recorder needs a MAC address."],
        reservedEmail: reservedEmail ? undefined : ["A bench recorder needs a reserved email."],
      });
    }
    source = "bench";
    identity = {
      serial: request.serial,
      model,
      mac: normalizeMac(mac),
      firmware,
      keyVersion: device?.keyVersion ?? request.keyVersion ?? keys.current,
      reservedEmail,
      resetHost,
    };
  }
  if (!keys.versions.includes(identity.keyVersion)) {
    throw invalidInput({ keyVersion: [`This console has no master key of version ${identity.keyVersion}.`] });
  }
  try {
    const state = createRecorderState({ identity, adminPassword: randomBytes(FORGOTTEN_PASSWORD_BYTES).toString("base64url") });
    return { state, source, notice: { text: "The device has started.", tone: "info" } };
  } catch (e) {
    if (e instanceof RecorderConfigError) throw invalidInput({ [e.field]: [e.message] });
    throw e;
  }
}
