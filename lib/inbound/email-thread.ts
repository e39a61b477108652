import "server-only";
import type { Db } from "@/lib/db/client";
import { maskEmail } from "@/lib/privacy/mask-email";

export type ThreadEntry =
  | {
      direction: "in";
      id: string;
      at: Date;
      from: string;
      subject: string;
      /** Text only: HTML was reduced to text when received and is never rendered. */
      text: string;
      authResults: string[];
      images: number;
      outcome: string;
    }
  | { direction: "out"; id: string; at: Date; to: string; kind: string; subject: string | null; text: string | null; status: string };

/**
 * A ticket's email thread, oldest first: what the requester sent (with the receiving server's
 * Authentication-Results) and what the console sent (agent replies in full; the reset-code
 * email only as an entry, since its text is derived at send time and never stored).
 */
export async function listEmailThread(options: { db: Db; ticketId: string }): Promise<ThreadEntry[]> {
  const [inbound, outbound] = await Promise.all([
    options.db.inboundMessage.findMany({ where: { ticketId: options.ticketId }, orderBy: { acceptedAt: "asc" }, take: 200 }),
    options.db.outboxEmail.findMany({
      where: { ticketId: options.ticketId },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: { id: true, createdAt: true, sentAt: true, to: true, kind: true, payload: true, status: true },
    }),
  ]);
  const entries: ThreadEntry[] = [
    ...inbound.map((m) => ({
      direction: "in" as const,
      id: m.id,
      at: m.acceptedAt,
      from: m.fromName ? `${m.fromName} <${m.fromAddress}>` : m.fromAddress,
      subject: m.subject,
      text: m.text,
      authResults: m.authResults,
      images: m.images,
      outcome: m.outcome,
    })),
    ...outbound.map((o) => {
      const payload = (o.payload ?? {}) as { subject?: unknown; body?: unknown };
      const reply = o.kind === "TICKET_REPLY";
      return {
        direction: "out" as const,
        id: o.id,
        at: o.sentAt ?? o.createdAt,
        // A reply goes to the requester, whose address the ticket shows anyway; every other email
        // (the code, an owner-change notice) goes to an owner of record, masked as everywhere else.
        to: reply ? o.to : maskEmail(o.to),
        kind: o.kind,
        subject: reply && typeof payload.subject === "string" ? payload.subject : null,
        text: reply && typeof payload.body === "string" ? payload.body : null,
        status: o.status,
      };
    }),
  ];
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
