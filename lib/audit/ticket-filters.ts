import { z } from "zod";
import { normalizeEmailAddress } from "@/lib/email-address";
import { Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import { dateParam, readFilters, serialParam, type RawSearchParams } from "./search-params";

/** Stable reason codes look like TAG_INVALID, VELOCITY_AGENT. */
export const REASON_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

const TICKET_FILTER_SCHEMA = {
  from: dateParam,
  to: dateParam,
  agent: z.uuid(),
  status: z.enum(TicketStatus),
  decision: z.enum(Decision),
  reason: z.string().regex(REASON_CODE_PATTERN),
  serial: serialParam,
  email: z.string().max(254).transform(normalizeEmailAddress),
};

export type TicketFilters = {
  from?: string;
  to?: string;
  agent?: string;
  status?: TicketStatus;
  decision?: Decision;
  reason?: string;
  serial?: string;
  email?: string;
};

export const TICKET_FILTER_KEYS = Object.keys(TICKET_FILTER_SCHEMA) as (keyof TicketFilters)[];

export function parseTicketFilters(params: RawSearchParams): { filters: TicketFilters; invalid: string[] } {
  const { values, invalid } = readFilters(params, TICKET_FILTER_SCHEMA);
  return { filters: values, invalid };
}
