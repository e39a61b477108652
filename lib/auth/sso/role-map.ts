import { ROLE_RANK } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";

const ROLES = new Set<string>(["AGENT", "SUPERVISOR", "ADMIN"]);

/** "support-admins:ADMIN, support-agents:AGENT" → group → role (lib/env.ts has checked the shape). */
export function parseRoleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const pair of text.split(",")) {
    const at = pair.lastIndexOf(":");
    if (at < 0) continue;
    const group = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    if (group && ROLES.has(role)) map.set(group, role as Role);
  }
  return map;
}

/**
 * The values of the role claim: an array of strings, or one string of space- or comma-separated
 * names. A dotted name reads a nested claim (Keycloak's "realm_access.roles").
 */
export function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes(".")) {
    value = claim.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role any of the user's groups maps to; null when none maps (the sign-in is refused). */
export function mappedRole(groups: readonly string[], map: ReadonlyMap<string, Role>): Role | null {
  let best: Role | null = null;
  for (const group of groups) {
    const role = map.get(group);
    if (role && (!best || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best;
}

/** The lower of two roles: a session acts at most at what the console granted and at most at what the IdP's groups say. */
export function lowerRole(a: Role, b: Role): Role {
  return ROLE_RANK[a] <= ROLE_RANK[b] ? a : b;
}
