import { z } from "zod";
import { parseTicketRef } from "@/lib/tickets/ticket-ref";
import { DAY_MS } from "@/lib/time";

/** What Next gives a page as `searchParams`, and what a route handler gets from `URLSearchParams`. */
export type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

export function firstParam(params: RawSearchParams, key: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

export const dateParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)));

/**
 * The start of a recorder serial, any case ("nvr8-24" finds NVR8-2411-000123): serials are
 * stored upper-case, so the typed text is too. Only the characters a serial can hold, so the
 * text never carries a LIKE wildcard.
 */
export const serialParam = z
  .string()
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/)
  .transform((s) => s.toUpperCase());

/** The start of an email address, any case ("Kim.L" finds kim.lee@example.org). */
export const emailPrefixParam = z
  .string()
  .max(254)
  .regex(/^[^\s]+$/)
  .transform((s) => s.toLowerCase());

/** A ticket as people quote it: "RT-000003", "rt-3", "RT3", "#3" or "3" → 3. */
export const ticketNumberParam = z
  .string()
  .transform((s) => parseTicketRef(s.replace(/^#/, "")))
  .pipe(z.number().int().positive().max(2_147_483_647));

/** One of a fixed set of upper-case values (statuses, reason codes), typed in any case. */
export function upperEnumParam<T extends string>(values: readonly T[]) {
  return z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.enum(values as [T, ...T[]]));
}

/** `from` is the start of that UTC day; `to` is inclusive, so the bound is the start of the next day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
export function dayAfter(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

/**
 * Reads each known filter on its own: a bad value is dropped and named in `invalid` (a search
 * page shows what it ignored rather than failing the whole search). `typed` keeps every value as
 * it was typed (trimmed), valid or not, so the form shows it back instead of an empty field;
 * `kept` holds the typed text of the valid ones only, for the pager's and export's links.
 */
export function readFilters<S extends Record<string, z.ZodType>>(
  params: RawSearchParams,
  schema: S,
): { values: { [K in keyof S]?: z.output<S[K]> }; invalid: (keyof S & string)[]; typed: Partial<Record<keyof S, string>>; kept: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const invalid: (keyof S & string)[] = [];
  const typed: Partial<Record<keyof S, string>> = {};
  const kept: Record<string, string> = {};
  for (const [key, field] of Object.entries(schema) as [keyof S & string, z.ZodType][]) {
    const raw = firstParam(params, key);
    if (raw === undefined) continue;
    typed[key] = raw;
    const parsed = field.safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
      kept[key] = raw;
    } else invalid.push(key);
  }
  return { values: values as { [K in keyof S]?: z.output<S[K]> }, invalid, typed, kept };
}

/** The query string of the filters that were kept (pager and export links), "" when none. */
export function filterQuery(kept: Record<string, string>): string {
  return new URLSearchParams(kept).toString();
}
