import "server-only";
import type { Account, Profile, User } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { clientIp, UNKNOWN_IP } from "@/lib/http/client-ip";
import { logger } from "@/lib/log";
import { metrics } from "@/lib/metrics/metrics";
import { oidcConfig, SSO_PROVIDER_ID, type OidcConfig } from "./config";
import { ssoSignIn, type IdpClaims } from "./sign-in";

/** The login form's words for each refusal (next-auth carries the code in ?error=). */
export const SSO_ERRORS = {
  not_invited: "SsoNotInvited",
  no_role: "SsoNoRole",
  disabled: "SsoDisabled",
  email_unverified: "SsoEmailUnverified",
  subject_mismatch: "SsoSubjectMismatch",
} as const;

/**
 * next-auth v4's OpenID Connect provider for the configured IdP: discovery through its
 * well-known document, the ID token's claims as the profile, and PKCE, state and nonce checked.
 */
export function ssoProvider(config: OidcConfig): OAuthConfig<IdpClaims> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    // The id is replaced by the console session's id once signIn below lets the user in.
    profile: (claims) => ({ id: claims.sub, name: typeof claims.name === "string" ? claims.name : null, email: null }),
  };
}

/** The providers single sign-on adds (none when OIDC_* is not configured). */
export function ssoProviders(): OAuthConfig<IdpClaims>[] {
  const config = oidcConfig();
  return config ? [ssoProvider(config)] : [];
}

async function requestIp(): Promise<string> {
  try {
    return clientIp(await headers());
  } catch {
    return UNKNOWN_IP;
  }
}

/**
 * next-auth's signIn callback for the IdP: decides (lib/auth/sso/sign-in), opens the console
 * session and hands its id on as the user's id (the jwt callback puts it in the cookie); a refusal
 * goes back to /login with its code.
 */
export async function ssoSignInCallback(user: User, account: Account, profile: Profile | undefined): Promise<true | string> {
  const config = oidcConfig();
  const claims = profile as IdpClaims | undefined;
  if (!config || !claims?.sub) return `/login?error=OAuthCallback`;
  const result = await ssoSignIn({
    db: getDb(),
    claims,
    tokens: { accessToken: account.access_token ?? null, refreshToken: account.refresh_token ?? null },
    roleClaim: config.roleClaim,
    roleMap: config.roleMap,
    ip: await requestIp(),
  });
  if (!result.ok) {
    metrics().signInFailures.inc({ reason: `sso_${result.reason}` });
    logger({ component: "sso" }).info({ reason: result.reason }, "single sign-on refused");
    return `/login?error=${SSO_ERRORS[result.reason]}`;
  }
  user.id = result.sessionId;
  return true;
}
