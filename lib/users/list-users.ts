import "server-only";
import type { Db } from "@/lib/db/client";
import { accountLocks } from "./account-locks";
import { STAFF_ONLY } from "@/lib/inbound/system-actor";
import { userHasFactor } from "@/lib/auth/mfa/factor-rules";

/** Every console user with what the admin list shows: status, invitation, last sign-in and sign-in lock (`signInLocked`: blocked after too many failures until an admin clears it). */
export async function listUsers(options: { db: Db; now?: Date }) {
  const now = options.now ?? new Date();
  const users = await options.db.user
    .findMany({
      where: STAFF_ONLY,
      orderBy: [{ active: "desc" }, { role: "desc" }, { name: "asc" }],
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        active: true,
        lastSignInAt: true,
        createdAt: true,
        passwordHash: true,
        totpConfirmedAt: true,
        _count: { select: { passkeys: true } },
        invitations: { orderBy: { createdAt: "desc" }, take: 1, select: { expiresAt: true, usedAt: true } },
      },
    })
    .then((users) =>
      users.map(({ passwordHash, invitations, totpConfirmedAt, _count, ...u }) => ({
        ...u,
        hasSecondFactor: userHasFactor({ totpConfirmedAt, passkeyCount: _count.passkeys }),
        invited: passwordHash === null,
        invitationExpired: passwordHash === null && (!invitations[0] || invitations[0].expiresAt.getTime() <= now.getTime()),
      })),
    );
  const locked = await accountLocks({ db: options.db, users });
  return users.map((u) => ({ ...u, signInLocked: locked.has(u.id) }));
}
