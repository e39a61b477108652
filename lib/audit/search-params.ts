import { z } from "zod";
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

/** A recorder serial as searched: serials are stored upper-case. */
export const serialParam = z
  .string()
  .max(64)
  .transform((s) => s.toUpperCase());

/** `from` is the start of that UTC day; `to` is inclusive, so the bound is the start of the next day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
export function dayAfter(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

/**
 * Reads each known filter on its own: a bad value is dropped and named in `invalid` (a search
 * page shows what it ignored rather than failing the whole search).
 */
export function readFilters<S extends Record<string, z.ZodType>>(
  params: RawSearchParams,
  schema: S,
): { values: { [K in keyof S]?: z.output<S[K]> }; invalid: string[] } {
  const values: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [key, field] of Object.entries(schema)) {
    const raw = firstParam(params, key);
    if (raw === undefined) continue;
    const parsed = field.safeParse(raw);
    if (parsed.success) values[key] = parsed.data;
    else invalid.push(key);
  }
  return { values: values as { [K in keyof S]?: z.output<S[K]> }, invalid };
}
