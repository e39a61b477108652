import { headers } from "next/headers";
import { EARLY_KEYS_SCRIPT } from "./early-keys";

/**
 * The inline listener that keeps shortcuts pressed before hydration (see early-keys.ts). Inline
 * scripts run only with the request's CSP nonce, which proxy.ts passes in the `x-nonce` header.
 * Browsers hide a nonce attribute once the script has run, hence no hydration warning for it.
 */
export async function EarlyKeysScript() {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: EARLY_KEYS_SCRIPT }} />;
}
