import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/guard";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { RP1_NONCE_BYTES, type MasterKeyRing } from "@/lib/reset-protocol";
import { applySimulatorStep } from "./apply-simulator-step";
import { bumpSimulatorVersion, loadSimulator, saveSimulator } from "./simulator-store";
import { deviceKeyFor } from "./device-key-for";
import type { SimulatorNotice, SimulatorStep } from "./types";

export interface RunSimulatorStepOptions {
  readonly db: Db;
  readonly user: Pick<SessionUser, "id" | "name" | "ip">;
  readonly keys: MasterKeyRing;
  readonly step: SimulatorStep;
}

/**
 * One button press on the user's running recorder: unseal, apply the recorder's rules, bump the
 * version, seal. Only a cookie at the current version opens, and only one request per version
 * saves, so neither an older cookie nor a burst of requests with the same one gets past a
 * lockout or reuses a code. A new challenge is audited ("simulator.challenge_created") in the
 * bump's transaction: it carries a genuine tag for that serial, so it must be traceable if it is
 * ever submitted as a ticket. Nothing else is audited.
 */
export async function runSimulatorStep({ db, user, keys, step }: RunSimulatorStepOptions): Promise<SimulatorNotice | null> {
  const now = Date.now();
  const running = await loadSimulator({ db, userId: user.id, now });
  if (!running) throw new AppError("INVALID_STATE", "The virtual recorder is off. Power on a recorder first.");
  const { envelope } = running;
  const applied = applySimulatorStep({
    envelope,
    step,
    now,
    nonceBytes: randomBytes(RP1_NONCE_BYTES),
    deviceKey: () => deviceKeyFor({ identity: envelope.state.identity, keys }),
  });
  const challenge = applied.envelope.state.challenge;
  const version = await db.$transaction(async (tx) => {
    const next = await bumpSimulatorVersion({ db: tx, userId: user.id, from: running.version });
    if (applied.challengeCreated && challenge) {
      await recordAudit(tx, {
        actor: { id: user.id, label: user.name },
        action: "simulator.challenge_created",
        ip: user.ip,
        serial: challenge.fields.s,
        details: { source: envelope.source, keyVersion: Number(challenge.fields.v), nonce: challenge.nonce, t: challenge.t },
      });
    }
    return next;
  });
  await saveSimulator({ userId: user.id, envelope: applied.envelope, version, now });
  return applied.envelope.notice;
}
