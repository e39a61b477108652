import "server-only";
import { env } from "@/lib/env";
import { DEFAULT_RESET_HOST } from "./constants";

/** Host of the challenge URLs the virtual recorder makes (RESET_HOST, else reset.example.com). */
export function resetHost(): string {
  return env().RESET_HOST ?? DEFAULT_RESET_HOST;
}
