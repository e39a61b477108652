import { z } from "zod";
import { dateParam, readFilters, serialParam, type RawSearchParams } from "./search-params";

const EVENT_FILTER_SCHEMA = {
  from: dateParam,
  to: dateParam,
  actor: z.uuid(),
  action: z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/),
  ticket: z.uuid(),
  serial: serialParam,
};

export type EventFilters = { from?: string; to?: string; actor?: string; action?: string; ticket?: string; serial?: string };

export const EVENT_FILTER_KEYS = Object.keys(EVENT_FILTER_SCHEMA) as (keyof EventFilters)[];

export function parseEventFilters(params: RawSearchParams): { filters: EventFilters; invalid: string[] } {
  const { values, invalid } = readFilters(params, EVENT_FILTER_SCHEMA);
  return { filters: values, invalid };
}
