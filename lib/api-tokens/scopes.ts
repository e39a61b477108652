/** What an API token may do; every route that accepts a token declares the one scope it needs. */
export const API_SCOPES = ["tickets:read", "tickets:write", "audit:read", "webhooks:manage"] as const;

export type ApiScope = (typeof API_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  "tickets:read": "Read tickets (the queue)",
  "tickets:write": "Open tickets and send codes",
  "audit:read": "Verify and export the audit log",
  "webhooks:manage": "Register and remove webhooks, read their delivery log",
};

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}
