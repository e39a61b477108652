import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { DAY_MS } from "@/lib/time";
import type { CreateApiTokenInput } from "@/lib/validation/api";
import { hashToken, newTokenSecret, shownPrefix } from "./token-secret";

/**
 * Creates a token for a helpdesk integration. The token itself is returned once, to be shown
 * once; only its SHA-256 and its first characters are stored. Audited with its scopes and expiry.
 */
export async function createApiToken(options: { db: Db; actor: { id: string; label: string }; ip: string; input: CreateApiTokenInput; now?: Date }) {
  const { db, actor, input } = options;
  const now = options.now ?? new Date();
  const token = newTokenSecret();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const record = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: hashToken(token),
        prefix: shownPrefix(token),
        scopes: input.scopes,
        createdById: actor.id,
        createdAt: now,
        expiresAt,
      },
      select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actor,
      action: "api_token.created",
      ip: options.ip,
      details: { tokenId: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, expiresAt: expiresAt.toISOString() },
    });
    return row;
  });
  return { token, record };
}
