import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { oidcConfig } from "./config";
import { claimValues, lowerRole, mappedRole, parseRoleMap } from "./role-map";
import { allowedDomains, emailDomainAllowed, ssoAdmission } from "./rules";
import { idpSatisfiesSecondFactor } from "./second-factor";

const MAP = parseRoleMap(" support-admins:ADMIN , support-supervisors:SUPERVISOR,support-agents:AGENT");
const BASE = { NEXTAUTH_SECRET: "x".repeat(40) };

describe("single sign-on rules", () => {
  it("maps groups to the highest role they name, and none when no group is mapped", () => {
    expect([...MAP]).toEqual([
      ["support-admins", "ADMIN"],
      ["support-supervisors", "SUPERVISOR"],
      ["support-agents", "AGENT"],
    ]);
    expect(mappedRole(["support-agents", "support-supervisors", "other"], MAP)).toBe("SUPERVISOR");
    expect(mappedRole(["other", "Support-Admins"], MAP)).toBeNull();
    expect(lowerRole("ADMIN", "AGENT")).toBe("AGENT");
    expect(lowerRole("AGENT", "SUPERVISOR")).toBe("AGENT");
  });

  it("reads the role claim as an array, a space- or comma-separated string, or a nested claim", () => {
    expect(claimValues({ groups: ["a", 3, "b"] }, "groups")).toEqual(["a", "b"]);
    expect(claimValues({ groups: "a b,c" }, "groups")).toEqual(["a", "b", "c"]);
    expect(claimValues({ realm_access: { roles: ["support-agents"] } }, "realm_access.roles")).toEqual(["support-agents"]);
    expect(claimValues({}, "groups")).toEqual([]);
  });

  it("admits invited users and allowed domains only, never above the IdP's role, and says why it refuses", () => {
    const domains = allowedDomains(" Partner.test, @other.test ");
    expect(domains).toEqual(["partner.test", "other.test"]);
    expect(emailDomainAllowed("a@partner.test", domains)).toBe(true);
    expect(emailDomainAllowed("a@eu.partner.test", domains)).toBe(false);
    const base = { email: "a@corp.test", emailVerified: true, allowedDomains: domains, subject: "idp|a" };
    expect(ssoAdmission({ ...base, user: null, mappedRole: "ADMIN" })).toEqual({ ok: false, reason: "not_invited" });
    expect(ssoAdmission({ ...base, user: { active: false, role: "AGENT", ssoSubject: null }, mappedRole: "AGENT" })).toEqual({ ok: false, reason: "disabled" });
    expect(ssoAdmission({ ...base, user: { active: true, role: "AGENT", ssoSubject: null }, mappedRole: null })).toEqual({ ok: false, reason: "no_role" });
    expect(ssoAdmission({ ...base, emailVerified: false, user: { active: true, role: "AGENT", ssoSubject: null }, mappedRole: "AGENT" })).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    expect(ssoAdmission({ ...base, user: { active: true, role: "ADMIN", ssoSubject: null }, mappedRole: "SUPERVISOR" })).toEqual({
      ok: true,
      role: "SUPERVISOR",
      via: "invitation",
    });
    expect(ssoAdmission({ ...base, user: { active: true, role: "AGENT", ssoSubject: null }, mappedRole: "ADMIN" })).toEqual({
      ok: true,
      role: "AGENT",
      via: "invitation",
    });
    expect(ssoAdmission({ ...base, email: "b@partner.test", user: null, mappedRole: "ADMIN" })).toEqual({ ok: true, role: "AGENT", via: "domain" });
    expect(ssoAdmission({ ...base, email: "b@partner.test", user: null, mappedRole: null })).toEqual({ ok: false, reason: "no_role" });
    // Linked at the first single sign-on: the same address from another IdP account is someone else.
    const linked = { active: true, role: "AGENT" as const, ssoSubject: "idp|a" };
    expect(ssoAdmission({ ...base, user: linked, mappedRole: "AGENT" })).toEqual({ ok: true, role: "AGENT", via: "invitation" });
    expect(ssoAdmission({ ...base, subject: "idp|impostor", user: linked, mappedRole: "AGENT" })).toEqual({ ok: false, reason: "subject_mismatch" });
  });

  it("counts the IdP's amr or acr as a second factor as configured", () => {
    const policy = { amr: ["mfa", "otp", "hwk"], acr: ["urn:corp:mfa"] };
    expect(idpSatisfiesSecondFactor({ amr: ["pwd", "otp"], acr: null }, policy)).toBe(true);
    expect(idpSatisfiesSecondFactor({ amr: ["pwd"], acr: "urn:corp:mfa" }, policy)).toBe(true);
    expect(idpSatisfiesSecondFactor({ amr: ["pwd"], acr: "urn:corp:password" }, policy)).toBe(false);
    expect(idpSatisfiesSecondFactor({ amr: [], acr: null }, policy)).toBe(false);
  });

  it("is on only with issuer, client id and secret, and checks the role map's shape", () => {
    expect(oidcConfig(parseEnv({ ...BASE, OIDC_ISSUER: "https://idp.example.com/" }))).toBeNull();
    const config = oidcConfig(
      parseEnv({ ...BASE, OIDC_ISSUER: "https://idp.example.com/", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s", OIDC_ROLE_MAP: "g1:ADMIN,g2:AGENT" }),
    );
    expect(config).toMatchObject({ issuer: "https://idp.example.com", name: "single sign-on", roleClaim: "groups", recheckMs: 300_000 });
    expect([...config!.roleMap]).toEqual([
      ["g1", "ADMIN"],
      ["g2", "AGENT"],
    ]);
    expect(() => parseEnv({ ...BASE, OIDC_ROLE_MAP: "g1:OWNER" })).toThrow(/OIDC_ROLE_MAP must be group:ROLE pairs/);
    expect(() => parseEnv({ ...BASE, OIDC_ISSUER: "idp.example.com" })).toThrow(/OIDC_ISSUER/);
    // The client secret is never printed with the configuration.
    expect(JSON.stringify(parseEnv({ ...BASE, OIDC_CLIENT_SECRET: "very-secret-value" }))).not.toContain("very-secret-value");
  });
});
