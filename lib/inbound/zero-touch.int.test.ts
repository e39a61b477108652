import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { createDecodePool, type DecodePool } from "@/lib/qr/server/decode-pool";
import { ENGINES } from "@/lib/testing/databases";
import { recorderChallenge, seedDevice, seedStaff, TEST_KEYS, uniqueSerial } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { ingestEmail, type InboundLimits } from "./ingest-email";
import { SYSTEM_USER_EMAIL } from "./system-actor";
import { rawMessage } from "./testing/mail";
import { decideZeroTouch, requestZeroTouch, zeroTouchState } from "./zero-touch";

const LIMITS: InboundLimits = { maxBytes: 5_000_000, maxImages: 4, maxPixels: 40_000_000, trustedAuthServIds: ["mx.console.example"] };
/** What our own receiving server (a trusted authserv-id) writes of a sender whose domain passed DMARC. */
const OUR_MX_PASS = "mx.console.example; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com";
let n = 0;

describe.each(ENGINES)("zero-touch on %s", (engine) => {
  let t: TestDatabase;
  let pool: DecodePool;
  beforeAll(async () => {
    setMasterKeysForTests(TEST_KEYS);
    t = await openTestDatabase(engine);
    pool = createDecodePool({ size: 1 });
  });
  afterAll(async () => {
    await pool?.close();
    await t?.close();
    setMasterKeysForTests(undefined);
  });

  /** An email with the reset link from `from` for a recorder owned by `owner`. */
  async function email(options: { owner?: string; from?: string; status?: "ACTIVE" | "BLOCKED"; authResults?: string | null } = {}) {
    const serial = uniqueSerial("ZT");
    const owner = options.owner ?? `owner-${serial.toLowerCase()}@example.com`;
    await seedDevice(t.db, { serial, ownerEmail: owner, status: options.status });
    const link = recorderChallenge({ serial, reservedEmail: owner });
    const raw = await rawMessage({
      from: options.from ?? owner,
      to: "s@x.example",
      subject: "reset",
      text: `My link: ${link}`,
      messageId: `<zt-${++n}-${serial}@c.example>`,
      ...(options.authResults === null ? {} : { headers: { "Authentication-Results": options.authResults ?? OUR_MX_PASS } }),
    });
    return ingestEmail({ db: t.db, raw, source: "SMTP", limits: LIMITS, pool, keys: TEST_KEYS });
  }

  it("is off by default: a clean request waits for an agent", async () => {
    expect(await zeroTouchState(t.db)).toEqual({ enabled: false, request: null });
    const r = await email();
    expect(r.zeroTouch).toBe(false);
    expect(await t.db.ticket.findUniqueOrThrow({ where: { id: r.ticketId! } })).toMatchObject({ status: "READY" });
  });

  it("turning it on takes a second admin; the requester's own approval is refused and audited", async () => {
    const a = await seedStaff(t.db, "ADMIN");
    const b = await seedStaff(t.db, "ADMIN");
    const as = (u: { id: string; name: string }) => ({ id: u.id, label: u.name, ip: null });
    expect(await requestZeroTouch({ db: t.db, actor: as(a), enable: true })).toEqual({ pending: true });
    expect((await zeroTouchState(t.db)).enabled).toBe(false);
    await expect(decideZeroTouch({ db: t.db, actor: as(a), approve: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await t.db.auditEvent.count({ where: { action: "zero_touch.self_approval_refused", actorId: a.id } })).toBe(1);
    expect(await decideZeroTouch({ db: t.db, actor: as(b), approve: true })).toEqual({ enabled: true, request: null });
    expect((await zeroTouchState(t.db)).enabled).toBe(true);
  });

  it("on: the owner's own clean request gets its code with no agent, the system as the audited actor", async () => {
    const r = await email();
    expect(r).toMatchObject({ outcome: "TICKET", zeroTouch: true });
    const ticket = await t.db.ticket.findUniqueOrThrow({
      where: { id: r.ticketId! },
      include: { codeIssues: true, outbox: true, device: { include: { owner: true } } },
    });
    expect(ticket.status).toBe("SENT");
    const system = await t.db.user.findUniqueOrThrow({ where: { email: SYSTEM_USER_EMAIL } });
    expect(ticket.codeIssues).toEqual([expect.objectContaining({ kind: "FIRST", actorId: system.id, destination: ticket.device!.owner!.email })]);
    expect(ticket.outbox).toEqual([expect.objectContaining({ kind: "RESET_CODE", to: ticket.device!.owner!.email })]);
    const issued = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: { startsWith: "code." } } });
    expect(issued.actorId).toBe(system.id);
  });

  it("on: a From header alone is not enough: without a trusted server's DMARC pass, or with a forged one, people decide", async () => {
    const unchecked = await email({ authResults: null });
    const forged = await email({ authResults: OUR_MX_PASS.replace("mx.console.example", "mx.attacker.example") });
    const failed = await email({ authResults: OUR_MX_PASS.replace("dmarc=pass", "dmarc=fail") });
    for (const r of [unchecked, forged, failed]) {
      expect(r).toMatchObject({ outcome: "TICKET", zeroTouch: false });
      expect(await t.db.ticket.findUniqueOrThrow({ where: { id: r.ticketId! } })).toMatchObject({ status: "READY" });
    }
    // The forged header is not kept as evidence either: only our own servers' verdicts are.
    expect(await t.db.inboundMessage.findFirstOrThrow({ where: { ticketId: forged.ticketId! } })).toMatchObject({ authResults: [] });
  });

  it("on: a requester who is not the owner, or a blocked recorder, still waits for people", async () => {
    const stranger = await email({ from: "stranger@elsewhere.example" });
    expect(stranger.zeroTouch).toBe(false);
    expect((await t.db.ticket.findUniqueOrThrow({ where: { id: stranger.ticketId! } })).status).not.toBe("SENT");
    const blocked = await email({ status: "BLOCKED" });
    expect(blocked.zeroTouch).toBe(false);
    expect(await t.db.codeIssue.count({ where: { ticketId: blocked.ticketId! } })).toBe(0);
  });

  it("turning it off is immediate and audited", async () => {
    const a = await seedStaff(t.db, "ADMIN");
    expect(await requestZeroTouch({ db: t.db, actor: { id: a.id, label: a.name, ip: null }, enable: false })).toEqual({ pending: false });
    expect((await zeroTouchState(t.db)).enabled).toBe(false);
    expect((await email()).zeroTouch).toBe(false);
  });
});
