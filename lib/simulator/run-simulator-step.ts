import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/guard";
import { claimAttempt } from "@/lib/auth/throttle";
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
  if (step.op === "submit-email") await admitEmailAttempt(db, user.id, envelope.state.identity.serial, new Date(now));
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
    // The right address ends the run of guesses.
    if (applied.challengeCreated) await tx.signInThrottle.deleteMany({ where: { key: emailAttemptKey(user.id) } });
    return next;
  });
  await saveSimulator({ userId: user.id, envelope: applied.envelope, version, now });
  return applied.envelope.notice;
}

/** Email attempts allowed before the first wait; each further one doubles it (as for sign-in). */
export const SIMULATOR_FREE_EMAIL_ATTEMPTS = 5;

const emailAttemptKey = (userId: string) => `sim-email:${userId}`;

/**
 * Before the virtual recorder answers an email guess: the recorder must still be registered as
 * active (it may have been reported stolen since power-on), and the user gets a growing wait after
 * a few wrong addresses (one counter per user in the database, shared by every instance), so the
 * simulator is no oracle for which address owns which recorder.
 */
async function admitEmailAttempt(db: Db, userId: string, serial: string, now: Date): Promise<void> {
  const device = await db.device.findUnique({ where: { serial }, select: { status: true } });
  if (device && device.status !== "ACTIVE") {
    throw new AppError(
      "INVALID_STATE",
      `This recorder is ${device.status === "STOLEN" ? "reported stolen" : "blocked"}: the virtual recorder will not answer.`,
    );
  }
  const claim = await claimAttempt(db, emailAttemptKey(userId), SIMULATOR_FREE_EMAIL_ATTEMPTS, now);
  if (!claim.ok) throw new AppError("RATE_LIMITED", `Too many email attempts on the virtual recorder. Try again in ${Math.ceil(claim.retryAfterMs / 1000)} s.`);
}
