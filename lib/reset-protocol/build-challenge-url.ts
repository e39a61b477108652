// The QR text: https://<host>/rp1?s=…&p=…&m=…&f=…&v=…&t=…&n=…&e=…&g=… Browser-safe.
import { RP1_PATH, RP1_URL_FIELD_ORDER } from "./constants";
import { findFieldError } from "./find-field-error";
import { isResetHost } from "./is-reset-host";
import type { Rp1Fields } from "./types";

export interface BuildChallengeUrlOptions {
  /** The reset host, e.g. "reset.example.com" (optionally with ":port"). */
  readonly host: string;
  readonly fields: Rp1Fields;
  readonly tag: string;
}

/**
 * The challenge URL with the fields in protocol order. Every allowed character is URL-safe, so
 * nothing is percent-encoded. Throws ChallengeParseError for a value outside its format and
 * RangeError for a host that is not a plain host name.
 */
export function buildChallengeUrl({ host, fields, tag }: BuildChallengeUrlOptions): string {
  if (!isResetHost(host)) throw new RangeError("buildChallengeUrl: host must be a plain host name, optionally with :port");
  const error = findFieldError({ fields, tag });
  if (error) throw error;
  const values: Record<string, string> = { ...fields, g: tag };
  const query = RP1_URL_FIELD_ORDER.map((name) => `${name}=${values[name]}`).join("&");
  return `https://${host}${RP1_PATH}?${query}`;
}
