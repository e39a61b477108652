import "server-only";
import { DEFAULT_RESET_HOST } from "./constants";

/** Host of the challenge URLs the virtual recorder makes (RESET_HOST, else reset.example.com). */
export function resetHost(): string {
  return process.env.RESET_HOST?.trim() || DEFAULT_RESET_HOST;
}
