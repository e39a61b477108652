import { z } from "zod";
import { API_SCOPES } from "@/lib/api-tokens/scopes";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/events";

/** A list sent as one comma-separated form field (the dialog's checkboxes) or as a JSON array (the API). */
function listOf<T extends readonly [string, ...string[]]>(values: T, empty: string) {
  return z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z
      .array(z.enum(values))
      .min(1, empty)
      .transform((list) => [...new Set(list)]),
  );
}

export const API_TOKEN_MAX_DAYS = 365;

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (who or what uses it).").max(80),
  scopes: listOf(API_SCOPES, "Pick at least one scope."),
  expiresInDays: z.coerce
    .number({ error: "Pick when the token expires." })
    .int()
    .min(1, "At least one day.")
    .max(API_TOKEN_MAX_DAYS, `At most ${API_TOKEN_MAX_DAYS} days.`),
  /** Making a credential is a risky change (lib/auth/step-up.ts). */
  stepUpCode: z.string().trim().max(64).optional(),
});
export type CreateApiTokenInput = z.output<typeof createApiTokenSchema>;

export const apiTokenIdSchema = z.object({ tokenId: z.uuid() });

export const createWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .max(2_000)
    .pipe(z.url({ protocol: /^https?$/, error: "Enter an http:// or https:// URL." })),
  events: listOf(WEBHOOK_EVENTS, "Pick at least one event."),
  stepUpCode: z.string().trim().max(64).optional(),
});
export type CreateWebhookInput = z.output<typeof createWebhookSchema>;

export const webhookIdSchema = z.object({ webhookId: z.uuid() });

/** Addresses or CIDR ranges (one per line or comma-separated) webhooks may reach even though they are private. */
export const webhookAllowlistSchema = z.object({
  allowlist: z
    .string()
    .max(4_000)
    .transform((text) =>
      text
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  stepUpCode: z.string().trim().max(64).optional(),
});
