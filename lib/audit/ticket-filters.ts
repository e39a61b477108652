import { z } from "zod";
import { Decision, TicketStatus } from "@/lib/generated/prisma/enums";
import { dateParam, emailPrefixParam, readFilters, serialParam, ticketNumberParam, upperEnumParam, type RawSearchParams } from "./search-params";

/** Stable reason codes look like TAG_INVALID, VELOCITY_AGENT. */
export const REASON_CODE_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;

const TICKET_FILTER_SCHEMA = {
  from: dateParam,
  to: dateParam,
  ticket: ticketNumberParam,
  agent: z.uuid(),
  status: upperEnumParam(Object.values(TicketStatus)),
  decision: upperEnumParam(Object.values(Decision)),
  // Typed in any case ("clock_ahead"); only then held to the code pattern, so nothing but a
  // code reaches the jsonb containment query.
  reason: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(REASON_CODE_PATTERN)),
  serial: serialParam,
  email: emailPrefixParam,
};

export type TicketFilters = {
  from?: string;
  to?: string;
  /** The ticket number (RT-000003 → 3). */
  ticket?: number;
  agent?: string;
  status?: TicketStatus;
  decision?: Decision;
  reason?: string;
  /** Upper-case start of the serial. */
  serial?: string;
  /** Lower-case start of the customer's email. */
  email?: string;
};

export type TicketFilterKey = keyof typeof TICKET_FILTER_SCHEMA;

/** Each filter's label, as the form shows it and as messages name it. */
export const TICKET_FILTER_LABELS: Record<TicketFilterKey, string> = {
  from: "From (UTC)",
  to: "To (UTC)",
  ticket: "Ticket",
  agent: "Agent",
  status: "Status",
  decision: "Decision",
  reason: "Reason code",
  serial: "Serial starts with",
  email: "Customer email starts with",
};

export const TICKET_FILTER_KEYS = Object.keys(TICKET_FILTER_SCHEMA) as TicketFilterKey[];

export function parseTicketFilters(params: RawSearchParams): {
  filters: TicketFilters;
  invalid: TicketFilterKey[];
  typed: Partial<Record<TicketFilterKey, string>>;
  kept: Record<string, string>;
} {
  const { values, invalid, typed, kept } = readFilters(params, TICKET_FILTER_SCHEMA);
  return { filters: values, invalid, typed, kept };
}
