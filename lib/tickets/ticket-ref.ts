/** Digits in a ticket reference: RT-000123. Wider numbers are shown in full, never cut. */
const TICKET_REF_DIGITS = 6;
const PREFIX = "RT-";
/** What people type back: any case, the prefix or just its dash optional, surrounding spaces ignored. */
const TYPED_REF = /^(?:RT-?)?(\d{1,15})$/i;

/** The reference customers see and quote back: ticket number 123 → "RT-000123". */
export function ticketRef(number: number): string {
  if (!Number.isSafeInteger(number) || number < 0) throw new RangeError("ticketRef: not a ticket number");
  return `${PREFIX}${String(number).padStart(TICKET_REF_DIGITS, "0")}`;
}

/**
 * The ticket number in a reference as quoted back ("RT-000123", "rt-123", "RT123", "123" → 123),
 * or null when the text is not a ticket reference. The inverse of `ticketRef`.
 */
export function parseTicketRef(text: string): number | null {
  const match = TYPED_REF.exec(text.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) ? number : null;
}
