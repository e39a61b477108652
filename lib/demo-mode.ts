/**
 * Demo mode (the README's first command) turns on the virtual recorder and the dev mailbox.
 * Production keeps both off unless explicitly enabled.
 */
export function demoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.DEMO_MODE === "1";
}

export function simulatorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return demoMode(env) || env.ENABLE_SIMULATOR === "1";
}

/** The dev mailbox shows captured mail, which only exists when no SMTP server is configured. */
export function mailboxEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return demoMode(env) && !env.SMTP_URL;
}
