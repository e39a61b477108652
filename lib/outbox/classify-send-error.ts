/** Longest lastError kept: enough to diagnose, short enough never to carry a message body. */
export const MAX_ERROR_LENGTH = 300;

export type SendErrorClass = { permanent: boolean; summary: string };

/**
 * SMTP 5xx (the relay refuses the message or recipient for good) is permanent; 4xx, network and
 * timeout errors are transient and retried. The summary keeps the status and the relay's words,
 * never the message itself.
 */
export function classifySendError(error: unknown): SendErrorClass {
  const e = (error ?? {}) as { responseCode?: unknown; response?: unknown; code?: unknown; message?: unknown };
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  const code = typeof e.code === "string" ? e.code : null;
  const detail = typeof e.response === "string" ? e.response : typeof e.message === "string" ? e.message : String(error);
  const summary = [responseCode ? `SMTP ${responseCode}` : null, code, detail.replace(/\s+/g, " ").trim()].filter(Boolean).join(": ");
  return { permanent: responseCode !== null && responseCode >= 500 && responseCode < 600, summary: summary.slice(0, MAX_ERROR_LENGTH) };
}

/** Replaces every secret (a code in both spellings, a link token) before an error is logged or stored. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
  return out;
}
