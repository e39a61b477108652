import "server-only";
import { recordAnonymousRefusal } from "@/lib/audit/record-anonymous-refusal";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/guard";
import { roleAtLeast } from "@/lib/auth/roles";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { MINUTE_MS } from "@/lib/time";
import type { ApiScope } from "./scopes";
import { hashToken } from "./token-secret";
import { lowerRole } from "@/lib/auth/sso/role-map";

/** The token a request came with, as the audit log names it. */
export type TokenIdentity = { id: string; name: string; prefix: string; scopes: string[] };

/** Who a token request acts as: its creator's account (for ownership and role), labelled as the token. */
export type TokenUser = SessionUser & { token: TokenIdentity };

/** A refusal with the seconds the caller should wait (Retry-After). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super("RATE_LIMITED", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function tokenLabel(token: { name: string; prefix: string }): string {
  return `API token "${token.name}" (${token.prefix}…)`;
}

/**
 * Counts one request on the token's per-minute window and records its last use, in one
 * statement on the token's own row (so every instance shares the count); answers the count so far.
 */
async function countRequest(db: Db, tokenId: string, now: Date): Promise<number> {
  const window = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const rows = await db.$queryRaw<{ rateCount: number }[]>`
    UPDATE "ApiToken"
       SET "rateCount" = CASE WHEN "rateWindowStart" = ${window} THEN "rateCount" + 1 ELSE 1 END,
           "rateWindowStart" = ${window},
           "lastUsedAt" = ${now}
     WHERE "id" = ${tokenId}::uuid
    RETURNING "rateCount"`;
  return Number(rows[0]?.rateCount ?? 0);
}

/**
 * The one check of a bearer token, for guardedRoute: known, not revoked, not expired, within its
 * rate, its creator still active with the route's role, and holding the route's scope. Unknown
 * tokens are refused like an anonymous request (counted, audited at a bounded rate); a known
 * token's refusals for scope or role are audited under the token.
 */
export async function authenticateApiToken(options: {
  db: Db;
  token: string;
  scope: ApiScope;
  minimum: Role;
  what: string;
  ip: string;
  ratePerMinute: number;
  now?: Date;
}): Promise<TokenUser> {
  const { db, scope, what, ip } = options;
  const now = options.now ?? new Date();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(options.token) },
    select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true, revokedAt: true, createdById: true },
  });
  const problem = !row ? "is not valid" : row.revokedAt ? "has been revoked" : row.expiresAt.getTime() <= now.getTime() ? "has expired" : null;
  if (!row || problem) {
    await recordAnonymousRefusal({
      db,
      action: "auth.denied",
      reason: what,
      ip,
      details: { what, credential: "api-token", problem: problem ?? "is not valid" },
    });
    throw new AppError("UNAUTHENTICATED", `This API token ${problem}.`);
  }
  const token: TokenIdentity = { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes };
  const count = await countRequest(db, row.id, now);
  if (count > options.ratePerMinute) {
    const retryAfterSeconds = Math.max(1, Math.ceil((MINUTE_MS - (now.getTime() % MINUTE_MS)) / 1000));
    throw new RateLimitedError(
      `This token made more than ${options.ratePerMinute} requests this minute. Try again in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
    );
  }
  const found = await db.user.findUnique({ where: { id: row.createdById }, select: { id: true, email: true, role: true, active: true } });
  // Single sign-on caps a session at the role the IdP's groups map to: a token made by someone who
  // signs in that way is capped the same, by the IdP's latest word (lowered groups lower the token).
  const lastSso = found
    ? await db.userSession.findFirst({ where: { userId: found.id, ssoRole: { not: null } }, orderBy: { createdAt: "desc" }, select: { ssoRole: true } })
    : null;
  const creator = found && lastSso?.ssoRole ? { ...found, role: lowerRole(found.role, lastSso.ssoRole) } : found;
  const actor = { id: row.createdById, label: tokenLabel(token) };
  const refuse = async (message: string, details: Record<string, string | null>) => {
    await db.$transaction((tx) =>
      recordAudit(tx, { actor, action: "auth.denied", ip, details: { what, credential: "api-token", tokenId: row.id, ...details } }),
    );
    throw new AppError("FORBIDDEN", message);
  };
  if (!creator?.active) return refuse("The admin who created this token is no longer active: the token no longer works.", { problem: "creator inactive" });
  if (!token.scopes.includes(scope)) return refuse(`This token lacks the "${scope}" scope this endpoint needs.`, { required: scope });
  if (!roleAtLeast(creator.role, options.minimum))
    return refuse("The account behind this token no longer has the role this endpoint needs.", { required: options.minimum });
  // A token is its own credential: no second factor is pending, and none is ever recent, so a
  // change that asks for step-up (lib/auth/step-up.ts) cannot be made with a token.
  return {
    id: creator.id,
    email: creator.email,
    name: actor.label,
    role: creator.role,
    sessionId: `token:${row.id}`,
    ip,
    token,
    sso: false,
    factor: "ok",
    secondFactorAt: null,
    hasTotp: false,
    hasPasskey: false,
  };
}

/** Every call made with a token, audited under the token once it has been answered. */
export async function auditTokenCall(db: Db, user: TokenUser, details: { what: string; status: number }) {
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor: { id: user.id, label: user.name },
      action: "api.called",
      ip: user.ip,
      details: { route: details.what, status: details.status, tokenId: user.token.id },
    }),
  );
}
