import { z } from "zod";

const count = (min: number, max: number) => z.coerce.number().int("Must be a whole number.").min(min, `At least ${min}.`).max(max, `At most ${max}.`);
const text = (max: number) => z.string().trim().min(1, "Required.").max(max, `At most ${max} characters.`);

const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** Bounds per setting: wide enough for real use, narrow enough that a typo cannot disable a control. */
export const settingsSchema = z.object({
  challengeLifetimeHours: count(1, 168),
  clockAheadToleranceMinutes: count(0, 240),
  clockBehindToleranceHours: count(0, 720),
  maxIssuesPerDevice30d: count(1, 50),
  maxIssuesPerRequesterPerDay: count(1, 50),
  maxIssuesPerAgentPerHour: count(1, 500),
  maxResendsPerTicketPerHour: count(0, 20),
  evidenceRetentionDays: count(1, 3650),
  // A checkbox: present ("on") when ticked, absent when not.
  mfaRequiredForAgents: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  brandName: text(80),
  senderName: text(80),
  senderEmail: z.string().trim().toLowerCase().max(254).pipe(z.email("Must be an email address.")),
  supportUrl: z
    .string()
    .trim()
    .max(300)
    .pipe(z.url("Must be a URL."))
    .refine((u) => u.startsWith("https://"), "Must start with https://."),
  ssoAllowedDomains: z
    .string()
    .trim()
    .toLowerCase()
    .max(500, "At most 500 characters.")
    .transform((text) =>
      text
        .split(/[\s,]+/)
        .map((d) => d.replace(/^@/, ""))
        .filter(Boolean)
        .join(", "),
    )
    .refine((text) => !text || text.split(", ").every((d) => DOMAIN.test(d)), "Must be domain names separated by commas, e.g. example.com, example.org.")
    .default(""),
});

export type SettingsInput = z.infer<typeof settingsSchema>;

/** The settings form: the settings and, when asked, the step-up code. */
export const settingsFormSchema = settingsSchema.extend({
  /** The step-up dialog's second-factor code (lib/auth/step-up.ts), when the last one is more than 5 minutes old. */
  stepUpCode: z.string().trim().max(64).optional(),
});
