import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/generated/prisma/enums";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { E2E_DB_URL } from "./env";

/** The specs' own view of the e2e database: they seed what they need and check it afterwards. */
export const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: E2E_DB_URL, max: 3 }) });

export type SeededUser = { id: string; email: string; password: string; name: string; role: Role };

export async function seedUser(role: Role, overrides: { active?: boolean; name?: string } = {}): Promise<SeededUser> {
  const tag = randomUUID().slice(0, 8);
  const password = `pw-${randomUUID()}`;
  const name = overrides.name ?? `${role.toLowerCase()} ${tag}`;
  const user = await db.user.create({
    data: { email: `${role.toLowerCase()}-${tag}@e2e.test`, name, role, active: overrides.active ?? true, passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email: user.email, password, name, role };
}
