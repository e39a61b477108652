import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { hashPassword } from "@/lib/auth/password";
import { sealSecret } from "@/lib/auth/mfa/seal";
import { newTotpSecret } from "@/lib/auth/mfa/totp";
import type { Role } from "@/lib/generated/prisma/enums";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { E2E_DB_URL, E2E_MFA_KEY } from "./env";

/** The specs' own view of the e2e database: they seed what they need and check it afterwards. */
export const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: E2E_DB_URL, max: 3 }) });

export type SeededUser = {
  id: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  /** Their authenticator seed, when they have one. */ totpSecret?: string;
};

/** Gives a user a confirmed authenticator app with a fresh seed, sealed with the e2e server's key; answers the seed. */
export async function seedTotp(userId: string): Promise<string> {
  const secret = newTotpSecret();
  await db.user.update({
    where: { id: userId },
    data: { totpSecret: sealSecret(secret, userId, Buffer.from(E2E_MFA_KEY, "hex")), totpConfirmedAt: new Date() },
  });
  return secret;
}

/**
 * A user with a random password; supervisors and admins (who must have a second factor) come with
 * a confirmed authenticator app unless `totp: false` (an enrolment journey).
 */
export async function seedUser(role: Role, overrides: { active?: boolean; name?: string; totp?: boolean } = {}): Promise<SeededUser> {
  const tag = randomUUID().slice(0, 8);
  const password = `pw-${randomUUID()}`;
  const name = overrides.name ?? `${role.toLowerCase()} ${tag}`;
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${tag}@e2e.test`, name, role, active: overrides.active ?? true, passwordHash: await hashPassword(password) },
  });
  const totpSecret = (overrides.totp ?? role !== "AGENT") ? await seedTotp(user.id) : undefined;
  return { id: user.id, email: user.email, password, name, role, totpSecret };
}
