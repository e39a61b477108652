import type { Role } from "@/lib/generated/prisma/enums";
import { lowerRole } from "./role-map";

export type SsoRefusal = "not_invited" | "no_role" | "disabled" | "email_unverified" | "subject_mismatch";

export type SsoAdmission = { ok: true; role: Role; via: "invitation" | "domain" } | { ok: false; reason: SsoRefusal };

/** The domains an admin allowed (setting "ssoAllowedDomains", "example.com, example.org"). */
export function allowedDomains(setting: string): string[] {
  return setting
    .toLowerCase()
    .split(/[\s,]+/)
    .map((d) => d.replace(/^@/, ""))
    .filter(Boolean);
}

/** Is the (normalised) address in one of the allowed domains? Exactly that domain: a subdomain is another organisation. */
export function emailDomainAllowed(email: string, domains: readonly string[]): boolean {
  const at = email.lastIndexOf("@");
  return at > 0 && domains.includes(email.slice(at + 1).toLowerCase());
}

/**
 * Who may come in through single sign-on, and at what role. In order:
 * - `email_unverified`: the IdP says it has not verified the address;
 * - `disabled`: an admin disabled the console user with that address;
 * - `subject_mismatch`: the console user is linked to another IdP account (its `sub`) than this one;
 * - `not_invited`: no console user has that address (an admin invited them) and its domain is not allowed;
 * - `no_role`: none of the IdP groups maps to a console role.
 * The role is the IdP's mapped role, never above it; for an existing user also never above the
 * role the console gave them (raising it stays with the four-eyes privilege requests), and a user
 * who comes in by an allowed domain alone starts as an agent.
 */
export function ssoAdmission(input: {
  email: string;
  emailVerified: boolean;
  user: { active: boolean; role: Role; ssoSubject: string | null } | null;
  /** The IdP account's subject (`sub`). */
  subject: string;
  allowedDomains: readonly string[];
  mappedRole: Role | null;
}): SsoAdmission {
  if (!input.emailVerified) return { ok: false, reason: "email_unverified" };
  if (input.user && !input.user.active) return { ok: false, reason: "disabled" };
  if (input.user?.ssoSubject && input.user.ssoSubject !== input.subject) return { ok: false, reason: "subject_mismatch" };
  if (!input.user && !emailDomainAllowed(input.email, input.allowedDomains)) return { ok: false, reason: "not_invited" };
  if (!input.mappedRole) return { ok: false, reason: "no_role" };
  if (input.user) return { ok: true, role: lowerRole(input.user.role, input.mappedRole), via: "invitation" };
  return { ok: true, role: lowerRole("AGENT", input.mappedRole), via: "domain" };
}
