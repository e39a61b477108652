import { env, type Env } from "@/lib/env";
import type { Role } from "@/lib/generated/prisma/enums";
import { parseRoleMap } from "./role-map";

/** Single sign-on as configured (OIDC_*); null when it is off (issuer, client id or secret unset). */
export type OidcConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string;
  roleClaim: string;
  roleMap: ReadonlyMap<string, Role>;
  recheckMs: number;
};

/** The next-auth provider id; the IdP redirects back to /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = "oidc";

export function oidcConfig(config: Env = env()): OidcConfig | null {
  if (!config.OIDC_ISSUER || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: config.OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    name: config.OIDC_NAME,
    scopes: config.OIDC_SCOPES,
    roleClaim: config.OIDC_ROLE_CLAIM,
    roleMap: parseRoleMap(config.OIDC_ROLE_MAP ?? ""),
    recheckMs: config.OIDC_RECHECK_SECONDS * 1000,
  };
}
