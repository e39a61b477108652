import { z } from "zod";
import { DeviceStatus } from "@/lib/generated/prisma/enums";

const STATUS_WORDS = Object.values(DeviceStatus);
export const SERIAL_PATTERN = /^[A-Z0-9-]{6,32}$/;
export const FIELD_CAPS = { model: 64, ownerName: 120, source: 64, email: 254, reason: 500 } as const;

/** "aa:bb:cc:dd:ee:ff", "AA-BB-…" or "aabbccddeeff" → "AABBCCDDEEFF". */
export const macSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/[:-]/g, "").toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{12}$/, "Must be 12 hex digits (colons or dashes allowed)."));

export const serialSchema = z.string().trim().regex(SERIAL_PATTERN, "Must be 6–32 characters: A–Z, 0–9 and dashes.");
export const emailSchema = z.string().trim().toLowerCase().max(FIELD_CAPS.email).pipe(z.email("Must be an email address."));
export const keyVersionSchema = z.coerce.number().int("Must be a whole number.").min(1, "Must be 1–255.").max(255, "Must be 1–255.");

/** One CSV row, as the file spells it, normalised. */
export const deviceCsvRowSchema = z.object({
  serial: serialSchema,
  model: z.string().trim().min(1, "Required.").max(FIELD_CAPS.model, `At most ${FIELD_CAPS.model} characters.`),
  mac: macSchema,
  key_version: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "Must be a whole number 1–255.")
    .transform(Number)
    .pipe(z.number().min(1, "Must be 1–255.").max(255, "Must be 1–255.")),
  // Any case: "active", "Active" and "ACTIVE" are the same status.
  status: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(DeviceStatus, `Must be ${STATUS_WORDS.slice(0, -1).join(", ")} or ${STATUS_WORDS.at(-1)} (any case).`)),
  owner_email: emailSchema,
  owner_name: z.string().trim().min(1, "Required.").max(FIELD_CAPS.ownerName, `At most ${FIELD_CAPS.ownerName} characters.`),
  bound_since: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, "Must be an ISO date (2026-01-31 or 2026-01-31T10:00:00Z).")
    .transform((v) => new Date(v.length === 10 ? `${v}T00:00:00Z` : v))
    .refine((d) => !Number.isNaN(d.getTime()), "Not a real date."),
  source: z.string().trim().min(1, "Required.").max(FIELD_CAPS.source, `At most ${FIELD_CAPS.source} characters.`),
});

export const CSV_COLUMNS = Object.keys(deviceCsvRowSchema.shape) as (keyof typeof deviceCsvRowSchema.shape)[];

export const createDeviceSchema = z.object({
  serial: serialSchema,
  model: z.string().trim().min(1, "Required.").max(FIELD_CAPS.model),
  mac: macSchema,
  keyVersion: keyVersionSchema,
  ownerEmail: emailSchema,
  ownerName: z.string().trim().min(1, "Required.").max(FIELD_CAPS.ownerName),
});

export const setDeviceStatusSchema = z.object({
  serial: serialSchema,
  status: z.enum(DeviceStatus),
  reason: z.string().trim().min(10, "Write why (at least 10 characters).").max(FIELD_CAPS.reason),
  /** The step-up dialog's second-factor code: asked for only to re-activate a blocked or stolen recorder. */
  stepUpCode: z.string().trim().max(64).optional(),
});

export const changeDeviceOwnerSchema = z.object({
  serial: serialSchema,
  ownerEmail: emailSchema,
  ownerName: z.string().trim().min(1, "Required.").max(FIELD_CAPS.ownerName),
  reason: z.string().trim().min(10, "Write why (at least 10 characters).").max(FIELD_CAPS.reason),
  /** The step-up dialog's second-factor code, when the last one is more than 5 minutes old. */
  stepUpCode: z.string().trim().max(64).optional(),
});

export const importOptionsSchema = z.object({
  mode: z.enum(["dry-run", "import"]),
  allowOwnerChanges: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
  /** The step-up dialog's second-factor code, for a real import with owner changes. */
  stepUpCode: z.string().trim().max(64).optional(),
});

export const deviceSearchSchema = z.object({
  q: z.string().trim().max(64).optional(),
  after: z.string().trim().max(32).optional(),
});
