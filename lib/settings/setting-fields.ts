import { settingsSchema } from "@/lib/validation/settings";
import { DEFAULT_SETTINGS, type Settings } from "./defaults";

/** The settings that are numbers (velocity limits, lifetimes, tolerances). */
export type NumberSetting = { [K in keyof Settings]: Settings[K] extends number ? K : never }[keyof Settings];

type Unit = { short: string; one: string; many: string };
const HOURS: Unit = { short: "h", one: "hour", many: "hours" };
const MINUTES: Unit = { short: "min", one: "minute", many: "minutes" };
const CODES: Unit = { short: "codes", one: "code", many: "codes" };
const RESENDS: Unit = { short: "resends", one: "resend", many: "resends" };
const DAYS: Unit = { short: "d", one: "day", many: "days" };

export type SettingField = { label: string; help: string; unit?: Unit };

/**
 * Every setting as an admin reads it: its label, what it does, and its unit. The form, the
 * confirmation and the audit event all name a setting by this label, never by its key. The
 * allowed range is read from the schema the server enforces (`settingRange`), not copied here.
 */
export const SETTING_FIELDS: Record<keyof Settings, SettingField> = {
  challengeLifetimeHours: {
    label: "QR code lifetime",
    unit: HOURS,
    help: "How long after the console first sees a recorder's QR code a reset code may still be sent for it. Older codes need a new QR from the recorder.",
  },
  clockAheadToleranceMinutes: {
    label: "Recorder clock ahead",
    unit: MINUTES,
    help: "How far the recorder's clock may run ahead of ours before the ticket goes to a supervisor (a clock set forward can mean a replayed QR).",
  },
  clockBehindToleranceHours: {
    label: "Recorder clock behind",
    unit: HOURS,
    help: "How far the recorder's clock may lag behind ours before the ticket goes to a supervisor.",
  },
  maxIssuesPerDevice30d: {
    label: "Codes per recorder in 30 days",
    unit: CODES,
    help: "Reset codes one recorder may receive in 30 days; the next ticket for it needs a supervisor.",
  },
  maxIssuesPerRequesterPerDay: {
    label: "Codes per requester per day",
    unit: CODES,
    help: "Reset codes one customer email address may ask for in 24 hours; the next needs a supervisor.",
  },
  maxIssuesPerAgentPerHour: {
    label: "Codes per agent per hour",
    unit: CODES,
    help: "Reset codes one agent may send in an hour; beyond it their tickets need a supervisor (insider abuse shows up as volume).",
  },
  maxResendsPerTicketPerHour: {
    label: "Resends per ticket per hour",
    unit: RESENDS,
    help: "How often the same code may be emailed again for one ticket in an hour. 0 turns resending off.",
  },
  evidenceRetentionDays: {
    label: "Keep customer photos",
    unit: DAYS,
    help: "How long the photo (or pasted link) a ticket was opened from is kept as evidence; older ones are deleted every hour, each deletion audited.",
  },
  mfaRequiredForAgents: {
    label: "Agents need a second factor",
    help: "Supervisors and admins always need an authenticator app or passkey; ticked, agents do too (at their next sign-in they must set one up before anything else).",
  },
  brandName: { label: "Brand name", help: "The product name in the reset emails' subject and text." },
  senderName: { label: "Sender name", help: "The name the reset emails come from." },
  senderEmail: { label: "Sender email", help: "The address the reset emails come from, unless the server sets MAIL_FROM." },
  supportUrl: { label: "Support URL", help: "The support page the reset emails link to (https:// only)." },
  ssoAllowedDomains: {
    label: "Single sign-on domains",
    help: "Email domains (comma-separated) whose people may sign in through single sign-on without an invitation, as agents at most. Empty: only invited users.",
  },
};

/** The allowed range of a number setting: the bounds the server's schema enforces, read from it. */
export function settingRange(name: NumberSetting): { min: number; max: number } {
  const field = settingsSchema.shape[name];
  return { min: field.minValue ?? 0, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** "24 h", "3 codes", "1 code", "SecureView Recorders". */
export function formatSettingValue(name: keyof Settings, value: Settings[keyof Settings]): string {
  const unit = SETTING_FIELDS[name].unit;
  if (typeof value === "boolean") return value ? "on" : "off";
  if (!unit || typeof value !== "number") return String(value) || "(none)";
  if (unit === HOURS || unit === MINUTES) return `${value} ${unit.short}`;
  return `${value} ${value === 1 ? unit.one : unit.many}`;
}

/** "Allowed 1–168 hours; default 24." */
export function describeRange(name: NumberSetting): string {
  const { min, max } = settingRange(name);
  const unit = SETTING_FIELDS[name].unit!;
  return `Allowed ${min}–${max} ${unit.many}; default ${DEFAULT_SETTINGS[name]}.`;
}

/** "QR code lifetime: 24 h → 12 h": a change as the confirmation and the audit log say it. */
export function describeSettingChange<K extends keyof Settings>(name: K, from: Settings[K], to: Settings[K]): string {
  return `${SETTING_FIELDS[name].label}: ${formatSettingValue(name, from)} → ${formatSettingValue(name, to)}`;
}
