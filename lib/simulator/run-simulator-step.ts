import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/guard";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { RP1_NONCE_BYTES } from "@/lib/reset-protocol/constants";
import type { MasterKeyRing } from "@/lib/reset-protocol/types";
import { applySimulatorStep } from "./apply-simulator-step";
import { deviceKeyFor } from "./device-key-for";
import { loadSimulator } from "./load-simulator";
import { saveSimulator } from "./save-simulator";
import type { SimulatorNotice, SimulatorStep } from "./types";

export interface RunSimulatorStepOptions {
  readonly db: Db;
  readonly user: Pick<SessionUser, "id" | "name" | "ip">;
  readonly keys: MasterKeyRing;
  readonly step: SimulatorStep;
}

/**
 * One button press on the user's running recorder: unseal, apply the recorder's rules, seal.
 * A new challenge is audited ("simulator.challenge_created"): it carries a genuine tag for that
 * serial, so it must be traceable if it is ever submitted as a ticket. Nothing else is audited.
 */
export async function runSimulatorStep({ db, user, keys, step }: RunSimulatorStepOptions): Promise<SimulatorNotice | null> {
  const now = Date.now();
  const envelope = await loadSimulator({ userId: user.id, now });
  if (!envelope) throw new AppError("INVALID_STATE", "The virtual recorder is off. Power on a recorder first.");
  const applied = applySimulatorStep({
    envelope,
    step,
    now,
    nonceBytes: randomBytes(RP1_NONCE_BYTES),
    deviceKey: () => deviceKeyFor({ identity: envelope.state.identity, keys }),
  });
  const challenge = applied.envelope.state.challenge;
  if (applied.challengeCreated && challenge) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: user.id, label: user.name },
        action: "simulator.challenge_created",
        ip: user.ip,
        serial: challenge.fields.s,
        details: { source: envelope.source, keyVersion: Number(challenge.fields.v), nonce: challenge.nonce, t: challenge.t },
      }),
    );
  }
  await saveSimulator({ userId: user.id, envelope: applied.envelope, now });
  return applied.envelope.notice;
}
