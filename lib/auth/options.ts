import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { clientIp } from "@/lib/http/client-ip";
import { metrics } from "@/lib/metrics/metrics";
import { passkeySignInSchema, signInSchema, webAuthnResponseSchema } from "@/lib/validation/auth";
import { signInWithPasskey } from "./passkeys/sign-in-with-passkey";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { authenticate } from "./authenticate";
import { SESSION_MAX_AGE_MS } from "./session-policy";
import { SSO_PROVIDER_ID } from "./sso/config";
import { ssoProviders, ssoSignInCallback } from "./sso/provider";

/** Message shown for any failed sign-in, whatever the cause. */
export const SIGN_IN_FAILED = "CredentialsSignin";
export const SIGN_IN_THROTTLED = "Throttled";
export const SIGN_IN_LOCKED = "Locked";
export const PASSKEY_SIGN_IN_FAILED = "PasskeyRefused";
export const PASSKEY_PROVIDER_ID = "passkey";

const credentialsProvider = CredentialsProvider({
  name: "Email and password",
  credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
  async authorize(credentials, req) {
    const parsed = signInSchema.safeParse(credentials);
    if (!parsed.success) return null;
    const headers = new Headers(Object.entries(req.headers ?? {}).map(([k, v]) => [k, String(v)] as [string, string]));
    const result = await authenticate({ db: getDb(), ...parsed.data, ip: clientIp(headers), userAgent: headers.get("user-agent") });
    if (!result.ok) {
      metrics().signInFailures.inc({ reason: result.reason });
      // next-auth hands the thrown message to the form as its error code.
      if (result.reason === "throttled") throw new Error(`${SIGN_IN_THROTTLED}:${result.retryAfterSeconds}`);
      if (result.reason === "locked") throw new Error(SIGN_IN_LOCKED);
      return null;
    }
    return { id: result.sessionId };
  },
});

/** The passwordless sign-in: the passkey's signed answer (JSON) to a challenge from /api/v1/passkeys/sign-in-options. */
const passkeyProvider = CredentialsProvider({
  id: PASSKEY_PROVIDER_ID,
  name: "Passkey",
  credentials: { response: { label: "Passkey answer", type: "text" } },
  async authorize(credentials, req) {
    const parsed = passkeySignInSchema.safeParse(credentials);
    if (!parsed.success) return null;
    let json: unknown;
    try {
      json = JSON.parse(parsed.data.response);
    } catch {
      return null;
    }
    const response = webAuthnResponseSchema.safeParse(json);
    if (!response.success) return null;
    const headers = new Headers(Object.entries(req.headers ?? {}).map(([k, v]) => [k, String(v)] as [string, string]));
    const result = await signInWithPasskey({
      db: getDb(),
      response: response.data as unknown as AuthenticationResponseJSON,
      ip: clientIp(headers),
      userAgent: headers.get("user-agent"),
    });
    if (!result.ok) {
      metrics().signInFailures.inc({ reason: result.reason });
      if (result.reason === "throttled") throw new Error(`${SIGN_IN_THROTTLED}:${result.retryAfterSeconds}`);
      if (result.reason === "locked") throw new Error(SIGN_IN_LOCKED);
      throw new Error(PASSKEY_SIGN_IN_FAILED);
    }
    return { id: result.sessionId };
  },
});

export const authOptions: NextAuthOptions = {
  // Read when next-auth asks, not when this module loads: lib/env parses lazily.
  get secret() {
    return env().NEXTAUTH_SECRET;
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_MS / 1000 },
  // next-auth's own messages go through the structured, redacting logger, not console: only its
  // code and the error (message and stack scrubbed), never the metadata it carries.
  logger: {
    error: (code, metadata) =>
      logger({ component: "next-auth" }).error({ code, err: metadata instanceof Error ? metadata : metadata.error }, "next-auth error"),
    warn: (code) => logger({ component: "next-auth" }).warn({ code }, "next-auth warning"),
    debug: () => undefined,
  },
  pages: { signIn: "/login", error: "/login" },
  // A getter, read per request: single sign-on's provider is there only when OIDC_* is configured (lib/auth/sso).
  get providers() {
    return [credentialsProvider, passkeyProvider, ...ssoProviders()];
  },
  callbacks: {
    // Single sign-on decides and opens its session here; a password sign-in already did in authorize().
    signIn({ user, account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID) return true;
      return ssoSignInCallback(user, account, profile);
    },
    jwt({ token, user }) {
      if (user) token.sid = user.id;
      return { sid: token.sid };
    },
    session({ token }) {
      return { sid: token.sid, expires: new Date(Date.now() + SESSION_MAX_AGE_MS).toISOString() };
    },
  },
  events: {
    async signOut({ token }) {
      if (!token?.sid) return;
      const db = getDb();
      await db.$transaction(async (tx) => {
        const session = await tx.userSession.update({
          where: { id: token.sid },
          data: { revokedAt: new Date() },
          include: { user: { select: { id: true, name: true } } },
        });
        await recordAudit(tx, { actor: { id: session.user.id, label: session.user.name }, action: "auth.sign_out", details: { sessionId: session.id } });
      });
    },
  },
};
