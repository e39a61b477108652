import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export type AuditContent = {
  seq: bigint;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  ip: string | null;
  ticketId: string | null;
  serial: string | null;
  details: unknown;
};

/** JSON with keys sorted at every depth, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** hash = SHA-256(prevHash || "\n" || canonical content): each event commits to all before it. */
export function eventHash(content: AuditContent, prevHash: string): string {
  const body = canonicalJson({
    seq: content.seq.toString(),
    at: content.at.toISOString(),
    actorId: content.actorId,
    actorLabel: content.actorLabel,
    action: content.action,
    ip: content.ip,
    ticketId: content.ticketId,
    serial: content.serial,
    details: content.details,
  });
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}
