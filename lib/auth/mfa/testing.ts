import type { Db } from "@/lib/db/client";
import { sealSecret } from "./seal";

/** A fixed TOTP seed for tests (20 bytes, base32). */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** Gives a test user a confirmed TOTP with `secret`, and a session (second factor proven at `provenAt`, or pending). */
export async function withTestFactor(db: Db, userId: string, options: { secret?: string; provenAt?: Date | null } = {}) {
  const secret = options.secret ?? TEST_TOTP_SECRET;
  await db.user.update({ where: { id: userId }, data: { totpSecret: sealSecret(secret, userId), totpConfirmedAt: new Date(), totpLastStep: null } });
  const session = await db.userSession.create({
    data: { userId, ip: "127.0.0.1", expiresAt: new Date(Date.now() + 3_600_000), secondFactorAt: options.provenAt ?? null },
  });
  return { secret, sessionId: session.id, session: { sessionId: session.id, secondFactorAt: session.secondFactorAt, hasTotp: true } };
}
