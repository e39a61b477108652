import { startSmtpListener } from "./smtp-listener";
import { E2E_MAIL_DIR, E2E_SMTP_PORT } from "./env";

export default async function globalSetup() {
  const server = await startSmtpListener({ port: E2E_SMTP_PORT, dir: E2E_MAIL_DIR });
  return async () => new Promise<void>((resolve) => server.close(() => resolve()));
}
