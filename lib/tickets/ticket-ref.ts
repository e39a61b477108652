/** Digits in a ticket reference: RT-000123. Wider numbers are shown in full, never cut. */
const TICKET_REF_DIGITS = 6;

/** The reference customers see and quote back: ticket number 123 → "RT-000123". */
export function ticketRef(number: number): string {
  if (!Number.isSafeInteger(number) || number < 0) throw new RangeError("ticketRef: not a ticket number");
  return `RT-${String(number).padStart(TICKET_REF_DIGITS, "0")}`;
}
