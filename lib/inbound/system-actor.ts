import "server-only";
import type { Db } from "@/lib/db/client";
import type { TicketActor } from "@/lib/tickets/rules";

/** The console itself as the actor of what arrives by email (and of zero-touch issues): a user row that can never sign in. */
export const SYSTEM_USER_EMAIL = "inbound@system.reset-console.invalid";
export const SYSTEM_LABEL = "System (inbound email)";

/** Staff only: the system user is nobody an admin lists, enables, promotes or resets. */
export const STAFF_ONLY = { NOT: { email: SYSTEM_USER_EMAIL } };

/** The system actor, its user row created on first use (inactive, no password: it cannot sign in). */
export async function systemActor(db: Db): Promise<TicketActor> {
  const user = await db.user.upsert({
    where: { email: SYSTEM_USER_EMAIL },
    create: { email: SYSTEM_USER_EMAIL, name: SYSTEM_LABEL, role: "AGENT", active: false, passwordHash: null },
    update: {},
    select: { id: true },
  });
  return { id: user.id, label: SYSTEM_LABEL, role: "AGENT", ip: null };
}
