import "server-only";
import { env } from "@/lib/env";

/** The secret the cookie key is derived from (with its own HKDF label, so it is never the session key). */
export function simulatorSecret(): string {
  const secret = env().NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set: the simulator cannot seal its state.");
  return secret;
}
