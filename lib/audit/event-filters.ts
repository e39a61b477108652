import { z } from "zod";
import { dateParam, readFilters, serialParam, ticketNumberParam, type RawSearchParams } from "./search-params";

const EVENT_FILTER_SCHEMA = {
  from: dateParam,
  to: dateParam,
  actor: z.uuid(),
  action: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/)),
  // A ticket as quoted (RT-000003, rt-3, 3) or by its id (links from a ticket's page).
  ticket: z.union([z.uuid().transform((id) => ({ id })), ticketNumberParam.transform((number) => ({ number }))]),
  serial: serialParam,
};

export type EventFilters = {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  ticket?: { id: string } | { number: number };
  /** Upper-case start of the serial. */
  serial?: string;
};

export type EventFilterKey = keyof typeof EVENT_FILTER_SCHEMA;

/** Each filter's label, as the form shows it and as messages name it. */
export const EVENT_FILTER_LABELS: Record<EventFilterKey, string> = {
  from: "From (UTC)",
  to: "To (UTC)",
  actor: "Actor",
  action: "Action",
  ticket: "Ticket",
  serial: "Serial starts with",
};

export const EVENT_FILTER_KEYS = Object.keys(EVENT_FILTER_SCHEMA) as EventFilterKey[];

export function parseEventFilters(params: RawSearchParams): {
  filters: EventFilters;
  invalid: EventFilterKey[];
  typed: Partial<Record<EventFilterKey, string>>;
  kept: Record<string, string>;
} {
  const { values, invalid, typed, kept } = readFilters(params, EVENT_FILTER_SCHEMA);
  return { filters: values, invalid, typed, kept };
}
