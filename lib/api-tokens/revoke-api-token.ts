import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** Revokes a token at once (its next request is refused on every instance); audited. */
export async function revokeApiToken(options: { db: Db; actor: { id: string; label: string }; ip: string; tokenId: string; now?: Date }) {
  const { db, actor } = options;
  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const changed = await tx.apiToken.updateMany({ where: { id: options.tokenId, revokedAt: null }, data: { revokedAt: now, revokedById: actor.id } });
    const token = await tx.apiToken.findUnique({ where: { id: options.tokenId }, select: { id: true, name: true, prefix: true } });
    if (!token) throw new AppError("NOT_FOUND", "No such token.");
    if (changed.count !== 1) throw new AppError("CONFLICT", "This token was already revoked.");
    await recordAudit(tx, { actor, action: "api_token.revoked", ip: options.ip, details: { tokenId: token.id, name: token.name, prefix: token.prefix } });
    return token;
  });
}
