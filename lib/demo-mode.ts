import { env, type Env } from "@/lib/env";

type ModeSettings = Pick<Env, "DEMO_MODE" | "ENABLE_SIMULATOR" | "SMTP_URL">;

/**
 * Demo mode (the README's first command) turns on the virtual recorder and the dev mailbox.
 * Production keeps both off unless explicitly enabled.
 */
export function demoMode(config: Pick<ModeSettings, "DEMO_MODE"> = env()): boolean {
  return config.DEMO_MODE;
}

export function simulatorEnabled(config: Pick<ModeSettings, "DEMO_MODE" | "ENABLE_SIMULATOR"> = env()): boolean {
  return demoMode(config) || config.ENABLE_SIMULATOR;
}

/** The dev mailbox shows captured mail, which only exists when no SMTP server is configured. */
export function mailboxEnabled(config: Pick<ModeSettings, "DEMO_MODE" | "SMTP_URL"> = env()): boolean {
  return demoMode(config) && !config.SMTP_URL;
}
