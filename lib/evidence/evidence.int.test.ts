import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedStaff, seedTicket } from "@/lib/audit/testing/seed-tickets";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { runJobOnce } from "@/lib/scheduler/run-job-once";
import { purgeEvidenceJob } from "@/lib/scheduler/jobs";
import { ENGINES } from "@/lib/testing/databases";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { DAY_MS } from "@/lib/time";
import { EVIDENCE_MAX_BYTES } from "./evidence-rules";
import { getEvidenceFile, listTicketEvidence } from "./get-evidence";
import { EVIDENCE_PURGE_BATCH } from "./purge-evidence";
import { readEvidenceUpload, storeEvidence } from "./store-evidence";

type Staff = { id: string; name: string; role: "AGENT" | "SUPERVISOR" | "ADMIN" };
const actorOf = (u: Staff) => ({ id: u.id, label: u.name, role: u.role, ip: "10.0.0.9" });

/** A 64×48 JPEG that says "rotate 90°" and carries a GPS position, as a phone photo would. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "PhoneCo", Model: "Phone 12" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1", GPSLongitudeRef: "W", GPSLongitude: "0/1 7/1 0/1" },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function streamOf(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunk));
      offset += chunk;
    },
  });
}

describe.each(ENGINES)("ticket evidence on %s", (engine) => {
  let t: TestDatabase;
  let agent: Staff;
  let otherAgent: Staff;
  let supervisor: Staff;
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    agent = await seedStaff(t.db, "AGENT");
    otherAgent = await seedStaff(t.db, "AGENT");
    supervisor = await seedStaff(t.db, "SUPERVISOR");
  });
  afterAll(() => t.close());

  it("keeps the photo oriented and without EXIF or GPS, with the stored bytes' SHA-256 in the audit event", async () => {
    const photo = await phonePhoto();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    const stored = await storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: photo, declaredType: "image/jpeg" });

    const row = await t.db.ticketEvidence.findUniqueOrThrow({ where: { id: stored.id } });
    const meta = await sharp(row.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([48, 64]);
    expect(Buffer.from(row.bytes).includes("Exif")).toBe(false);
    expect(Buffer.from(row.bytes).includes("PhoneCo")).toBe(false);

    const { createHash } = await import("node:crypto");
    expect(row.sha256).toBe(createHash("sha256").update(row.bytes).digest("hex"));
    expect(row.originalSha256).toBe(createHash("sha256").update(photo).digest("hex"));
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: "evidence.added" } });
    expect(event.details).toMatchObject({
      evidenceId: stored.id,
      sha256: row.sha256,
      originalSha256: row.originalSha256,
      contentType: "image/jpeg",
      metadata: "removed",
    });
    expect(event.actorId).toBe(agent.id);
  });

  it("refuses what is not an allowed image, or claims to be another type, and writes nothing", async () => {
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    const html = Buffer.from("<html><script>alert(1)</script></html>");
    await expect(storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: html, declaredType: "image/jpeg" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "white" } })
      .png()
      .toBuffer();
    await expect(storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: png, declaredType: "image/jpeg" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    // A JPEG signature on bytes that do not decode.
    const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    await expect(storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: broken })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: "The file could not be read as a photo.",
    });
    expect(await t.db.ticketEvidence.count({ where: { ticketId: ticket.id } })).toBe(0);
    expect(await t.db.auditEvent.count({ where: { ticketId: ticket.id, action: "evidence.added" } })).toBe(0);
  });

  it("checks the size before reading (declared length) and while reading (counted bytes)", async () => {
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>(
      {
        pull() {
          pulled = true;
        },
      },
      { highWaterMark: 0 },
    );
    await expect(readEvidenceUpload(untouched, EVIDENCE_MAX_BYTES + 1)).rejects.toMatchObject({ code: "TOO_LARGE" });
    expect(pulled).toBe(false);
    await expect(readEvidenceUpload(streamOf(new Uint8Array(EVIDENCE_MAX_BYTES + 10)), null)).rejects.toMatchObject({ code: "TOO_LARGE" });
    await expect(readEvidenceUpload(streamOf(new Uint8Array(0)), null)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await readEvidenceUpload(streamOf(new Uint8Array(1000), 100), 1000)).byteLength).toBe(1000);
  });

  it("only someone who may act on the ticket adds a photo; whoever may see it (canViewTicket) sees it", async () => {
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    await t.db.ticket.update({ where: { id: ticket.id }, data: { assigneeId: agent.id } });
    const photo = await phonePhoto();
    await expect(storeEvidence({ db: t.db, actor: actorOf(otherAgent), ticketId: ticket.id, bytes: photo })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const stored = await storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: photo });

    for (const viewer of [agent, supervisor]) {
      expect((await listTicketEvidence({ db: t.db, viewer, ticketId: ticket.id, retentionDays: 90 })).map((e) => e.id)).toEqual([stored.id]);
      const file = await getEvidenceFile({ db: t.db, viewer, evidenceId: stored.id });
      expect(file.contentType).toBe("image/jpeg");
      expect(file.sha256).toBe(stored.sha256);
    }
    // Another agent may not see a ticket assigned to someone else: no list, and the file is "not found".
    expect(await listTicketEvidence({ db: t.db, viewer: otherAgent, ticketId: ticket.id, retentionDays: 90 })).toEqual([]);
    await expect(getEvidenceFile({ db: t.db, viewer: otherAgent, evidenceId: stored.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the scheduler purges photos past the retention setting, one audited event each, and keeps the rest", async () => {
    const now = new Date();
    await t.db.setting.upsert({ where: { key: "evidenceRetentionDays" }, create: { key: "evidenceRetentionDays", value: 30 }, update: { value: 30 } });
    const ticket = await seedTicket(t.db, { createdById: agent.id });
    const photo = await phonePhoto();
    const old = await storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: photo });
    const recent = await storeEvidence({ db: t.db, actor: actorOf(agent), ticketId: ticket.id, bytes: photo });
    await t.db.ticketEvidence.update({ where: { id: old.id }, data: { createdAt: new Date(now.getTime() - 31 * DAY_MS) } });
    await t.db.ticketEvidence.update({ where: { id: recent.id }, data: { createdAt: new Date(now.getTime() - 29 * DAY_MS) } });
    // Anything else the earlier tests left is recent: only the one photo is due.
    await t.db.scheduledJob.deleteMany({ where: { name: purgeEvidenceJob.name } });

    const run = await runJobOnce({ db: t.db, job: purgeEvidenceJob, now });
    expect(run).toMatchObject({ ran: true, result: { purged: 1, more: false } });
    expect(await t.db.ticketEvidence.findUnique({ where: { id: old.id } })).toBeNull();
    expect(await t.db.ticketEvidence.findUnique({ where: { id: recent.id } })).not.toBeNull();
    const purged = await t.db.auditEvent.findMany({ where: { action: "evidence.purged" } });
    expect(purged).toHaveLength(1);
    expect(purged[0]).toMatchObject({ ticketId: ticket.id, actorLabel: "scheduler" });
    expect(purged[0]?.details).toMatchObject({ evidenceId: old.id, sha256: old.sha256, retentionDays: 30, ageDays: 31 });
    // Not due again within the hour: a second run (another instance) does nothing.
    expect(await runJobOnce({ db: t.db, job: purgeEvidenceJob, now })).toMatchObject({ ran: false, reason: "not-due" });
    expect((await verifyAuditChain({ db: t.db })).ok).toBe(true);
    expect(EVIDENCE_PURGE_BATCH).toBeGreaterThan(1);
  });
});
