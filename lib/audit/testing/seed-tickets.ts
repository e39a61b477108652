// Test seeding for the review and audit modules: tickets written straight to the database, as
// the ticket workflow would have left them. Used by integration tests and e2e specs.
import { randomBytes, randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Decision, Role, TicketStatus } from "@/lib/generated/prisma/enums";
import type { CheckResult } from "@/lib/tickets/checks/types";

type Client = Pick<PrismaClient, "user" | "ticket" | "challenge" | "device" | "owner" | "codeIssue">;

export const REVIEW_CHECKS: CheckResult[] = [
  { check: "challenge", id: "TAG_VALID", outcome: "pass", label: "Challenge signature", reason: "The recorder signed this challenge." },
  {
    check: "requester",
    id: "REQUESTER_EMAIL_DIFFERS",
    outcome: "review",
    label: "Requester email",
    reason: "The customer wrote from an address other than the owner of record.",
  },
  { check: "clock", id: "CLOCK_AHEAD", outcome: "review", label: "Recorder clock", reason: "The recorder's clock is 2 hours ahead." },
];

export async function seedStaff(db: Client, role: Role, name?: string) {
  const tag = randomUUID().slice(0, 8);
  return db.user.create({ data: { email: `${role.toLowerCase()}-${tag}@seed.test`, name: name ?? `${role.toLowerCase()} ${tag}`, role } });
}

/** A serial in the RP1 format, unique per call. */
export function uniqueSerial(prefix = "SEED"): string {
  return `${prefix}-${randomBytes(5).toString("hex").toUpperCase()}`;
}

export async function seedDevice(db: Client, options: { serial: string; ownerEmail?: string }) {
  const ownerEmail = options.ownerEmail ?? `owner-${randomUUID().slice(0, 8)}@owner.test`;
  const owner = await db.owner.create({ data: { email: ownerEmail, name: "Owner of record" } });
  return db.device.create({
    data: {
      serial: options.serial,
      model: "2MN-8016",
      mac: "A1B2C3D4E5F6",
      keyVersion: 1,
      ownerId: owner.id,
      ownerSince: new Date(Date.UTC(2025, 0, 15)),
      ownerSource: "registration",
    },
  });
}

export async function seedTicket(
  db: Client,
  options: {
    createdById: string;
    status?: TicketStatus;
    decision?: Decision;
    checks?: CheckResult[];
    serial?: string | null;
    customerEmail?: string;
    customerName?: string;
    createdAt?: Date;
    expiresAt?: Date | null;
    firstSentAt?: Date | null;
    withChallenge?: boolean;
    deviceId?: string | null;
  },
) {
  const serial = options.serial === undefined ? uniqueSerial() : options.serial;
  const createdAt = options.createdAt ?? new Date();
  let challengeId: string | undefined;
  if (options.withChallenge && serial) {
    const nonce = randomBytes(12).toString("base64url");
    const t = Math.floor(createdAt.getTime() / 1000) + 7200;
    const text = `https://reset.example.com/rp1?s=${serial}&p=2MN-8016&m=A1B2C3D4E5F6&f=4.1.7&v=1&t=${t}&n=${nonce}&e=q-GFqW-4GHu1_Ysmh-PKMA&g=klyoQ4aHwonZh-hv97123g`;
    const challenge = await db.challenge.create({
      data: { serial, nonce, text, keyVersion: 1, recorderTime: new Date(t * 1000), firstSeenAt: new Date((t - 7200) * 1000) },
    });
    challengeId = challenge.id;
  }
  return db.ticket.create({
    data: {
      customerName: options.customerName ?? "Kim Lee",
      customerEmail: options.customerEmail ?? `customer-${randomUUID().slice(0, 8)}@customer.test`,
      channel: "EMAIL",
      status: options.status ?? "REVIEW",
      decision: options.decision ?? "REVIEW",
      checks: options.checks ?? REVIEW_CHECKS,
      serial,
      challengeId,
      deviceId: options.deviceId ?? null,
      createdById: options.createdById,
      createdAt,
      expiresAt: options.expiresAt === undefined ? new Date(Date.now() + 3_600_000) : options.expiresAt,
      firstSentAt: options.firstSentAt ?? null,
    },
  });
}
