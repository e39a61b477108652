// What may stand between "https://" and "/rp1" in a challenge the recorder makes. Browser-safe.

// DNS labels (letters, digits, inner hyphens) separated by dots, optionally ":port".
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?$/;
const MAX_HOST_LENGTH = 253 + ":65535".length;

/** True iff `host` is a plain host name or IPv4 address, optionally with a port. */
export function isResetHost(host: string): boolean {
  return typeof host === "string" && host.length <= MAX_HOST_LENGTH && HOST.test(host);
}
