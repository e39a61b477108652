/**
 * Only a path on this site: an open redirect after sign-in is a phishing aid. Browsers treat
 * "/\\evil.example" or "/\t/evil.example" as another host, so the path is resolved and compared.
 */
export function safeCallback(callbackUrl: string | undefined): string {
  if (!callbackUrl || !callbackUrl.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(callbackUrl)) return "/tickets";
  const base = "https://console.invalid";
  const url = new URL(callbackUrl, base);
  // A resolved path may still begin with "//" ("/..//evil"), which a browser reads as a host.
  return url.origin === base && !url.pathname.startsWith("//") ? `${url.pathname}${url.search}` : "/tickets";
}
