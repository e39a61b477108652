import { startOidcIdp } from "@/lib/testing/oidc-idp";
import { startSmtpListener } from "./smtp-listener";
import { E2E_BASE_URL, E2E_MAIL_DIR, E2E_OIDC_CLIENT, E2E_OIDC_PORT, E2E_SMTP_PORT } from "./env";

export default async function globalSetup() {
  const server = await startSmtpListener({ port: E2E_SMTP_PORT, dir: E2E_MAIL_DIR });
  // A real OpenID Connect provider for the single sign-on journeys (e2e/auth/sso.spec.ts).
  const idp = await startOidcIdp({ port: E2E_OIDC_PORT, ...E2E_OIDC_CLIENT, redirectUris: [`${E2E_BASE_URL}/api/auth/callback/oidc`] });
  return async () => {
    await idp.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
