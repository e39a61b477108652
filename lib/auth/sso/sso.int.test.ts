import { createServer } from "node:net";
import { Issuer, generators } from "openid-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readSession } from "@/lib/auth/read-session";
import { ENGINES } from "@/lib/testing/databases";
import { idpSubject, IDP_PASSWORD, startOidcIdp, type IdpAccount, type TestIdp } from "@/lib/testing/oidc-idp";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { createUser } from "@/lib/users/create-user";
import type { OidcConfig } from "./config";
import { recheckSsoSession } from "./recheck-session";
import { parseRoleMap } from "./role-map";
import { idpSatisfiesSecondFactor, ssoSessionHasSecondFactor } from "./second-factor";
import { ssoSessionHolds } from "./session-holds";
import { ssoSignIn, type IdpClaims } from "./sign-in";
import { openTokens, type IdpTokens } from "./token-seal";

const ROLE_MAP = parseRoleMap("support-admins:ADMIN,support-supervisors:SUPERVISOR,support-agents:AGENT");
const CLIENT = { clientId: "console-int", clientSecret: "console-int-secret-0123456789", redirectUri: "http://127.0.0.1:9/api/auth/callback/oidc" };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const claimsOf = (email: string, groups: string[], extra: Record<string, unknown> = {}): IdpClaims => ({
  sub: idpSubject(email),
  email,
  email_verified: true,
  name: email.split("@")[0],
  groups,
  ...extra,
});

/**
 * The authorization code flow against the real test IdP, as a browser and the console would do
 * it (PKCE, state, nonce; the login form filled): the tokens and verified ID token claims.
 */
async function codeFlow(idp: TestIdp, account: IdpAccount) {
  const issuer = await Issuer.discover(idp.issuer);
  const client = new issuer.Client({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, redirect_uris: [CLIENT.redirectUri] });
  const verifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, idp.issuer), {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    return response;
  };
  let response = await go(
    client.authorizationUrl({
      scope: "openid email profile groups offline_access",
      code_challenge: generators.codeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
    }),
  );
  const interaction = response.headers.get("location")!;
  expect(interaction).toMatch(/\/interaction\//);
  expect((await go(interaction)).status).toBe(200);
  response = await go(`${interaction}/login`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login: account.email, password: IDP_PASSWORD }).toString(),
  });
  for (let hops = 0; hops < 5 && !response.headers.get("location")!.startsWith(CLIENT.redirectUri); hops++) {
    response = await go(response.headers.get("location")!);
  }
  const params = client.callbackParams(response.headers.get("location")!);
  const set = await client.callback(CLIENT.redirectUri, params, { code_verifier: verifier, state, nonce });
  return { claims: set.claims() as IdpClaims, tokens: { accessToken: set.access_token ?? null, refreshToken: set.refresh_token ?? null } };
}

describe.each(ENGINES)("single sign-on on %s", (engine) => {
  let t: TestDatabase;
  let idp: TestIdp;
  let config: OidcConfig;

  beforeAll(async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "int-test-secret-int-test-secret-0123456789");
    t = await openTestDatabase(engine);
    const port = await freePort();
    idp = await startOidcIdp({ port, clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUris: [CLIENT.redirectUri] });
    config = {
      issuer: idp.issuer,
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      name: "Test IdP",
      scopes: "openid email profile groups offline_access",
      roleClaim: "groups",
      roleMap: ROLE_MAP,
      recheckMs: 60_000,
    };
    await createUser({ db: t.db, email: "invited.agent@corp.test", name: "Invited Agent", role: "AGENT", password: null });
    await createUser({ db: t.db, email: "console.admin@corp.test", name: "Console Admin", role: "ADMIN", password: null });
    await createUser({ db: t.db, email: "gone@corp.test", name: "Gone", role: "AGENT", password: null });
    await t.db.user.update({ where: { email: "gone@corp.test" }, data: { active: false } });
  });
  afterAll(async () => {
    await idp.close();
    await t.close();
    vi.unstubAllEnvs();
  });

  const signIn = (claims: IdpClaims, tokens: IdpTokens = { accessToken: "at", refreshToken: null }) =>
    ssoSignIn({ db: t.db, claims, tokens, roleClaim: "groups", roleMap: ROLE_MAP, ip: "10.9.0.1" });

  it("lets an invited user in at the role the IdP's groups map to, on a console session row, used up the invitation, audited", async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "invited.agent@corp.test" } });
    await t.db.invitation.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3600_000) } });
    const result = await signIn(claimsOf("Invited.Agent@corp.test", ["support-agents", "unrelated"], { amr: ["pwd", "otp"], acr: "urn:mfa" }));
    expect(result).toMatchObject({ ok: true, role: "AGENT", userId: user.id });
    if (!result.ok) return;
    const session = await t.db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } });
    expect(session).toMatchObject({ ssoRole: "AGENT", ssoSubject: idpSubject("invited.agent@corp.test"), idpAmr: ["pwd", "otp"], idpAcr: "urn:mfa" });
    // The tokens are kept sealed, never in the clear.
    expect(session.idpTokens).not.toContain("at");
    expect(openTokens(session.idpTokens)).toEqual({ accessToken: "at", refreshToken: null });
    expect(await readSession(t.db, result.sessionId, { touch: false })).toMatchObject({ id: user.id, role: "AGENT", sso: true });
    expect(await t.db.invitation.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_sign_in", actorId: user.id } });
    expect(audit.details).toMatchObject({ sessionId: result.sessionId, role: "AGENT", via: "invitation", newUser: false, amr: ["pwd", "otp"] });
    expect(idpSatisfiesSecondFactor({ amr: session.idpAmr, acr: session.idpAcr }, { amr: ["otp"], acr: [] })).toBe(true);
  });

  it("never acts above the IdP's groups nor above the console's role", async () => {
    const admin = await signIn(claimsOf("console.admin@corp.test", ["support-agents"]));
    expect(admin).toMatchObject({ ok: true, role: "AGENT" });
    if (admin.ok) expect(await readSession(t.db, admin.sessionId, { touch: false })).toMatchObject({ role: "AGENT" });
    const agent = await signIn(claimsOf("invited.agent@corp.test", ["support-admins"]));
    expect(agent).toMatchObject({ ok: true, role: "AGENT" });
    if (agent.ok) expect(await readSession(t.db, agent.sessionId, { touch: false })).toMatchObject({ role: "AGENT" });
    expect(await t.db.user.findUniqueOrThrow({ where: { email: "invited.agent@corp.test" } })).toMatchObject({ role: "AGENT" });
  });

  it("refuses the not invited, the disabled, the unverified and those without a mapped group, each audited with a masked address", async () => {
    expect(await signIn(claimsOf("stranger@elsewhere.test", ["support-admins"]))).toEqual({ ok: false, reason: "not_invited" });
    expect(await signIn(claimsOf("gone@corp.test", ["support-agents"]))).toEqual({ ok: false, reason: "disabled" });
    expect(await signIn(claimsOf("invited.agent@corp.test", ["marketing"]))).toEqual({ ok: false, reason: "no_role" });
    expect(await signIn(claimsOf("invited.agent@corp.test", ["support-agents"], { email_verified: false }))).toEqual({ ok: false, reason: "email_unverified" });
    // No email_verified claim at all: the address is unproven too (unless OIDC_TRUST_UNVERIFIED_EMAIL).
    expect(await signIn(claimsOf("invited.agent@corp.test", ["support-agents"], { email_verified: undefined }))).toEqual({
      ok: false,
      reason: "email_unverified",
    });
    const refused = await t.db.auditEvent.findMany({ where: { action: "auth.sso_refused" }, orderBy: { seq: "asc" } });
    expect(refused.map((e) => [(e.details as { reason: string }).reason, (e.details as { email: string }).email, e.actorLabel])).toEqual([
      ["not_invited", "s***r@elsewhere.test", "anonymous"],
      ["disabled", "g***e@corp.test", "Gone"],
      ["no_role", "i***t@corp.test", "Invited Agent"],
      ["email_unverified", "i***t@corp.test", "Invited Agent"],
      ["email_unverified", "i***t@corp.test", "Invited Agent"],
    ]);
    expect(await t.db.user.count({ where: { email: "stranger@elsewhere.test" } })).toBe(0);
  });

  it("links the console user to the IdP account of the first sign-in: the same address from another IdP account is refused", async () => {
    await createUser({ db: t.db, email: "linked@corp.test", name: "Linked", role: "AGENT", password: null });
    expect(await signIn(claimsOf("linked@corp.test", ["support-agents"]))).toMatchObject({ ok: true });
    expect(await t.db.user.findUniqueOrThrow({ where: { email: "linked@corp.test" } })).toMatchObject({ ssoSubject: idpSubject("linked@corp.test") });
    expect(await signIn(claimsOf("linked@corp.test", ["support-agents"], { sub: "someone-else" }))).toEqual({ ok: false, reason: "subject_mismatch" });
    expect(await signIn(claimsOf("linked@corp.test", ["support-agents"]))).toMatchObject({ ok: true });
  });

  it("lets in a new person from an allowed domain, as an agent at most; a subdomain is not the domain", async () => {
    await t.db.setting.upsert({ where: { key: "ssoAllowedDomains" }, create: { key: "ssoAllowedDomains", value: "partner.test" }, update: {} });
    const result = await signIn(claimsOf("new.person@partner.test", ["support-supervisors"]));
    expect(result).toMatchObject({ ok: true, role: "AGENT" });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "new.person@partner.test" } });
    expect(user).toMatchObject({ role: "AGENT", active: true, passwordHash: null, name: "new.person" });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { action: "auth.sso_sign_in", actorId: user.id } });
    expect(audit.details).toMatchObject({ via: "domain", newUser: true });
    expect(await signIn(claimsOf("someone@eu.partner.test", ["support-agents"]))).toEqual({ ok: false, reason: "not_invited" });
  });

  it("re-checks the groups at the real IdP with the refresh token: a lowered group lowers the session, a removed one ends it", async () => {
    const email = "refreshing@corp.test";
    await createUser({ db: t.db, email, name: "Refreshing", role: "SUPERVISOR", password: null });
    const account: IdpAccount = { email, name: "Refreshing", groups: ["support-supervisors"], amr: ["pwd", "hwk"] };
    idp.setAccount(account);
    const flow = await codeFlow(idp, account);
    expect(flow.claims).toMatchObject({ email, groups: ["support-supervisors"], amr: ["pwd", "hwk"] });
    expect(flow.tokens.refreshToken).toBeTruthy();
    const result = await signIn(flow.claims, flow.tokens);
    if (!result.ok) throw new Error("expected a session");
    const sessionId = result.sessionId;
    const later = (ms: number) => new Date(Date.now() + ms);

    // Not yet due: the IdP is not asked.
    expect(await recheckSsoSession({ db: t.db, sessionId, config, now: later(1000) })).toBe(true);
    idp.setAccount({ ...account, groups: ["support-agents"] });
    expect(await readSession(t.db, sessionId, { touch: false })).toMatchObject({ role: "SUPERVISOR" });
    expect(await recheckSsoSession({ db: t.db, sessionId, config, now: later(61_000) })).toBe(true);
    expect(await readSession(t.db, sessionId, { touch: false })).toMatchObject({ role: "AGENT" });

    idp.setAccount({ ...account, groups: ["marketing"] });
    expect(await recheckSsoSession({ db: t.db, sessionId, config, now: later(122_000) })).toBe(false);
    const ended = await t.db.userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(ended.revokedAt).not.toBeNull();
    expect(ended.idpTokens).toBeNull();
    const events = await t.db.auditEvent.findMany({ where: { details: { path: ["sessionId"], equals: sessionId } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.sso_sign_in", "auth.sso_role_changed", "auth.sso_session_ended"]);
    expect(events[2]!.details).toMatchObject({ reason: "group_removed", groups: ["marketing"] });
  });

  it("ends the session when the IdP refuses the refresh (user removed there); keeps it when the IdP is unreachable", async () => {
    const email = "removed@corp.test";
    await createUser({ db: t.db, email, name: "Removed", role: "AGENT", password: null });
    idp.setAccount({ email, name: "Removed", groups: ["support-agents"] });
    const flow = await codeFlow(idp, { email, name: "Removed", groups: ["support-agents"] });
    const first = await signIn(flow.claims, flow.tokens);
    const second = await signIn(flow.claims, flow.tokens);
    if (!first.ok || !second.ok) throw new Error("expected sessions");

    const unreachable = { ...config, issuer: "http://127.0.0.1:9" };
    expect(await recheckSsoSession({ db: t.db, sessionId: second.sessionId, config: unreachable, now: new Date(Date.now() + 61_000) })).toBe(true);
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id: second.sessionId } })).revokedAt).toBeNull();

    idp.removeAccount(email);
    expect(await recheckSsoSession({ db: t.db, sessionId: first.sessionId, config, now: new Date(Date.now() + 61_000) })).toBe(false);
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sso_session_ended", details: { path: ["sessionId"], equals: first.sessionId } },
    });
    expect(event.details).toMatchObject({ reason: "idp_refused" });
  });

  it("lets one instance re-check at a time: a second claim in the same interval does not ask the IdP", async () => {
    const result = await signIn(claimsOf("invited.agent@corp.test", ["support-agents"]));
    if (!result.ok) throw new Error("expected a session");
    const asked: number[] = [];
    const ask = async () => (asked.push(1), { ok: true as const, claims: { groups: ["support-agents"] }, tokens: { accessToken: "at2", refreshToken: null } });
    const now = new Date(Date.now() + 61_000);
    const answers = await Promise.all([1, 2, 3].map(() => recheckSsoSession({ db: t.db, sessionId: result.sessionId, config, ask, now })));
    expect(answers).toEqual([true, true, true]);
    expect(asked).toHaveLength(1);
  });

  it("tells the second-factor checks whether the IdP did one (amr/acr), and only for SSO sessions", async () => {
    vi.stubEnv("OIDC_MFA_AMR", "otp,hwk");
    const withOtp = await signIn(claimsOf("invited.agent@corp.test", ["support-agents"], { amr: ["pwd", "otp"] }));
    const passwordOnly = await signIn(claimsOf("invited.agent@corp.test", ["support-agents"], { amr: ["pwd"] }));
    if (!withOtp.ok || !passwordOnly.ok) throw new Error("expected sessions");
    expect(await ssoSessionHasSecondFactor(t.db, withOtp.sessionId)).toBe(true);
    expect(await ssoSessionHasSecondFactor(t.db, passwordOnly.sessionId)).toBe(false);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "invited.agent@corp.test" } });
    const plain = await t.db.userSession.create({ data: { userId: user.id, expiresAt: new Date(Date.now() + 3600_000), idpAmr: ["otp"] } });
    expect(await ssoSessionHasSecondFactor(t.db, plain.id)).toBe(false);
    vi.stubEnv("OIDC_MFA_AMR", "mfa,otp,hwk,swk,fpt,face,sc");
  });

  it("ends an SSO session, audited, once single sign-on is switched off", async () => {
    const result = await signIn(claimsOf("invited.agent@corp.test", ["support-agents"]));
    if (!result.ok) throw new Error("expected a session");
    vi.stubEnv("OIDC_ISSUER", "");
    expect(await ssoSessionHolds(t.db, result.sessionId)).toBe(false);
    expect((await t.db.userSession.findUniqueOrThrow({ where: { id: result.sessionId } })).revokedAt).not.toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "auth.sso_session_ended", details: { path: ["sessionId"], equals: result.sessionId } },
    });
    expect(event.details).toMatchObject({ reason: "sso_off" });
  });
});
