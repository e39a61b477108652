// Seeds the rows a RESET_CODE email points at, the way issueCode leaves them: owner, device,
// a genuine RP1 challenge (made like the recorder makes it), ticket, code issue and outbox row.
import { randomBytes, randomInt } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { createChallenge, deriveDeviceKey, parseMasterKeys } from "@/lib/reset-protocol";
import { enqueueEmail } from "../enqueue-email";

/** Master keys of the tests: version 1 = bytes 00..1f. */
export const TEST_MASTER_KEYS = parseMasterKeys("1:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

export async function seedStaffUser(db: Db): Promise<string> {
  const user = await db.user.create({ data: { email: `agent-${randomBytes(4).toString("hex")}@example.test`, name: "Test Agent", role: "AGENT" } });
  return user.id;
}

export async function seedResetCode(options: { db: Db; agentId: string; ownerEmail: string; recorderTime: Date; destination?: string }) {
  const { db } = options;
  const serial = `NVR8-TEST-${randomInt(1e9).toString().padStart(9, "0")}`;
  const mac = randomBytes(6).toString("hex").toUpperCase();
  const masterKey = TEST_MASTER_KEYS.get(1);
  if (!masterKey) throw new Error("test master key missing");
  const created = createChallenge({
    deviceKey: deriveDeviceKey({ masterKey, serial }),
    serial,
    model: "NVR-8016",
    mac,
    firmware: "5.2.1",
    keyVersion: 1,
    time: Math.floor(options.recorderTime.getTime() / 1000),
    nonceBytes: randomBytes(12),
    reservedEmail: options.ownerEmail,
    host: "reset.example.com",
  });
  const owner = await db.owner.upsert({ where: { email: options.ownerEmail }, update: {}, create: { email: options.ownerEmail, name: "Olivia Owner" } });
  const device = await db.device.create({
    data: { serial, model: "NVR-8016", mac, keyVersion: 1, ownerId: owner.id, ownerSince: new Date(), ownerSource: "test" },
  });
  const challenge = await db.challenge.create({
    data: { serial, nonce: created.fields.n, text: created.url, keyVersion: 1, recorderTime: options.recorderTime },
  });
  const ticket = await db.ticket.create({
    data: {
      customerName: "Olivia Owner",
      customerEmail: options.ownerEmail,
      channel: "EMAIL",
      status: "SENT",
      decision: "ISSUE",
      checks: [],
      challengeId: challenge.id,
      deviceId: device.id,
      serial,
      createdById: options.agentId,
    },
  });
  const destination = options.destination ?? options.ownerEmail;
  const outbox = await db.$transaction(async (tx) => {
    const issue = await tx.codeIssue.create({ data: { ticketId: ticket.id, serial, kind: "FIRST", destination, actorId: options.agentId } });
    const row = await enqueueEmail(tx, {
      kind: "RESET_CODE",
      to: destination,
      payload: { ticketId: ticket.id, challengeId: challenge.id, codeIssueId: issue.id },
      idempotencyKey: `code-issue:${issue.id}`,
      ticketId: ticket.id,
    });
    await tx.codeIssue.update({ where: { id: issue.id }, data: { outboxId: row.id } });
    return row;
  });
  return { outboxId: outbox.id, ticketId: ticket.id, ticketNumber: ticket.number, challengeId: challenge.id, challengeText: created.url, serial };
}
