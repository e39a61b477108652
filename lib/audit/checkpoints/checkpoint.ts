import "server-only";
import { createHash, sign, verify } from "node:crypto";
import type { AuditCheckpoint } from "@/lib/generated/prisma/client";
import { canonicalJson } from "../event-hash";
import type { CheckpointKeys, SigningKey } from "./keys";

/** What the first checkpoint names as its previous one. */
export const CHECKPOINT_GENESIS = "0".repeat(64);

/**
 * The signed statement, like a CloudTrail digest file: "the chain's head was event `eventSeq` with
 * hash `eventHash` at `eventAt`, `eventCount` events in all; the checkpoint before this one has
 * hash `previous`". Integers are decimal strings (seqs are bigint). The bytes signed and hashed are
 * the canonical JSON of these fields (keys sorted), so the database row and the exported file
 * verify the same way.
 */
export type CheckpointPayload = {
  v: 1;
  number: string;
  eventSeq: string;
  eventHash: string;
  eventAt: string;
  eventCount: string;
  previous: string;
  signedAt: string;
  keyId: string;
};

/** A checkpoint as exported and as compared: the payload, its SHA-256 and the Ed25519 signature (base64). */
export type SignedCheckpoint = CheckpointPayload & { hash: string; signature: string };

export function checkpointBytes(payload: CheckpointPayload): Buffer {
  const { v, number, eventSeq, eventHash, eventAt, eventCount, previous, signedAt, keyId } = payload;
  return Buffer.from(canonicalJson({ v, number, eventSeq, eventHash, eventAt, eventCount, previous, signedAt, keyId }));
}

export function hashCheckpoint(payload: CheckpointPayload): string {
  return createHash("sha256").update(checkpointBytes(payload)).digest("hex");
}

export function signCheckpoint(payload: Omit<CheckpointPayload, "keyId">, key: SigningKey): SignedCheckpoint {
  const full: CheckpointPayload = { ...payload, keyId: key.keyId };
  return { ...full, hash: hashCheckpoint(full), signature: sign(null, checkpointBytes(full), key.privateKey).toString("base64") };
}

/** Why a checkpoint does not verify on its own (its link to the others is checked by the walk). */
export type SignatureProblem = "checkpoint-hash" | "checkpoint-unknown-key" | "checkpoint-signature";

export function checkSignature(checkpoint: SignedCheckpoint, keys: Pick<CheckpointKeys, "verify">): SignatureProblem | null {
  if (hashCheckpoint(checkpoint) !== checkpoint.hash) return "checkpoint-hash";
  const key = keys.verify.get(checkpoint.keyId);
  if (!key) return "checkpoint-unknown-key";
  let ok = false;
  try {
    ok = verify(null, checkpointBytes(checkpoint), key, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    ok = false;
  }
  return ok ? null : "checkpoint-signature";
}

export function fromRow(row: AuditCheckpoint): SignedCheckpoint {
  return {
    v: 1,
    number: row.number.toString(),
    eventSeq: row.eventSeq.toString(),
    eventHash: row.eventHash,
    eventAt: row.eventAt.toISOString(),
    eventCount: row.eventCount.toString(),
    previous: row.previous,
    signedAt: row.signedAt.toISOString(),
    keyId: row.keyId,
    hash: row.hash,
    signature: row.signature,
  };
}

export function toRow(checkpoint: SignedCheckpoint): AuditCheckpoint {
  return {
    number: BigInt(checkpoint.number),
    eventSeq: BigInt(checkpoint.eventSeq),
    eventHash: checkpoint.eventHash,
    eventAt: new Date(checkpoint.eventAt),
    eventCount: BigInt(checkpoint.eventCount),
    previous: checkpoint.previous,
    signedAt: new Date(checkpoint.signedAt),
    keyId: checkpoint.keyId,
    signature: checkpoint.signature,
    hash: checkpoint.hash,
  };
}
