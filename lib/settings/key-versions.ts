import "server-only";
import { masterKeys } from "@/lib/keys/master-keys";

/** Which master key versions are configured and which one new challenges use; never the keys. */
export function keyVersions(): { versions: number[]; current: number } | { error: string } {
  try {
    const keys = masterKeys();
    return { versions: [...keys.versions], current: keys.current };
  } catch {
    return { error: "RESET_MASTER_KEYS is not configured correctly." };
  }
}
