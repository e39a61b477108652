import "server-only";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { normalizeEmailAddress } from "@/lib/email-address";
import type { Role } from "@/lib/generated/prisma/enums";

/** Creates (or, for the demo seed, resets) a user with a password. */
export async function createUser(options: { db: Db; email: string; name: string; role: Role; password: string | null }) {
  const email = normalizeEmailAddress(options.email);
  const passwordHash = options.password ? await hashPassword(options.password) : null;
  return options.db.user.upsert({
    where: { email },
    create: { email, name: options.name, role: options.role, passwordHash },
    update: { name: options.name, role: options.role, passwordHash, active: true },
  });
}
