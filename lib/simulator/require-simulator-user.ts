import "server-only";
import { notFound } from "next/navigation";
import { requirePageUser, requireUser, type SessionUser } from "@/lib/auth/guard";
import { simulatorEnabled } from "@/lib/demo-mode";

export interface RequireSimulatorUserOptions {
  /** "page:/simulator" or "action:…", for the refusal's audit event. */
  readonly what: string;
  readonly kind: "page" | "action";
}

/**
 * The simulator's gate: a 404 when it is switched off (it does not exist in production), then a
 * signed-in console user of any role, so it is never an anonymous challenge oracle.
 */
export async function requireSimulatorUser({ what, kind }: RequireSimulatorUserOptions): Promise<SessionUser> {
  if (!simulatorEnabled()) notFound();
  return kind === "page" ? requirePageUser("AGENT", what) : requireUser("AGENT", what);
}
