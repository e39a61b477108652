import type { Role } from "@/lib/generated/prisma/enums";

export const ROLE_RANK: Record<Role, number> = { AGENT: 1, SUPERVISOR: 2, ADMIN: 3 };

/** Roles are ordered: AGENT < SUPERVISOR < ADMIN; a higher role may do what a lower one may. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}
