import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setMasterKeysForTests } from "@/lib/keys/master-keys";
import { createDecodePool, type DecodePool } from "@/lib/qr/server/decode-pool";
import { ENGINES } from "@/lib/testing/databases";
import { recorderChallenge, seedDevice, TEST_KEYS, uniqueSerial } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { ticketRef } from "@/lib/tickets/ticket-ref";
import { renderOutboxEmail } from "@/lib/outbox/render-outbox-email";
import { getSettings } from "@/lib/settings/get-settings";
import { seedStaff } from "@/lib/testing/fixtures";
import { listEmailThread } from "./email-thread";
import { ingestEmail, type InboundLimits } from "./ingest-email";
import { replyToRequester } from "./reply-to-requester";
import { PROCESSED_KEYWORD, processMailbox, runImapPoller } from "./imap-poller";
import { startSmtpListener, type SmtpListener } from "./smtp-listener";
import { SYSTEM_USER_EMAIL } from "./system-actor";
import { startDovecot, type TestDovecot } from "./testing/dovecot";
import { pdfWithJpeg } from "@/lib/qr/test-pdfs";
import { blankPhoto, qrPhoto, rawMessage } from "./testing/mail";

const LIMITS: InboundLimits = { maxBytes: 5_000_000, maxImages: 4, maxPixels: 40_000_000, trustedAuthServIds: ["mx.example.net"] };
const AUTH_RESULTS = "mx.example.net; spf=pass smtp.mailfrom=example.com; dkim=pass header.d=example.com; dmarc=pass header.from=example.com";
let messageCounter = 0;
const newMessageId = () => `<test-${Date.now()}-${++messageCounter}-${Math.random().toString(36).slice(2)}@customer.example>`;

/** A recorder with an owner of record and a fresh, genuine challenge for it. */
async function recorder(db: TestDatabase["db"]) {
  const serial = uniqueSerial("IN");
  const ownerEmail = `owner-${serial.toLowerCase()}@example.com`;
  await seedDevice(db, { serial, ownerEmail });
  return { serial, ownerEmail, challenge: recorderChallenge({ serial, reservedEmail: ownerEmail }) };
}

describe.each(ENGINES)("inbound email on %s", (engine) => {
  let t: TestDatabase;
  let pool: DecodePool;
  let smtp: SmtpListener;
  let smallSmtp: SmtpListener;
  let dovecot: TestDovecot;
  let sender: nodemailer.Transporter;

  beforeAll(async () => {
    setMasterKeysForTests(TEST_KEYS);
    t = await openTestDatabase(engine);
    pool = createDecodePool({ size: 2 });
    smtp = await startSmtpListener({ db: t.db, port: 0, limits: LIMITS, pool });
    smallSmtp = await startSmtpListener({ db: t.db, port: 0, limits: { ...LIMITS, maxBytes: 20_000 }, pool });
    dovecot = await startDovecot();
    sender = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    sender?.close();
    await smtp?.close();
    await smallSmtp?.close();
    await dovecot?.stop();
    await pool?.close();
    await t?.close();
    setMasterKeysForTests(undefined);
  });

  const inbound = (messageId: string) => t.db.inboundMessage.findUniqueOrThrow({ where: { messageId }, include: { ticket: { include: { evidence: true } } } });

  it("SMTP: a phone photo of the owner's QR becomes a ready ticket with every check run, unassigned, the authentication results kept", async () => {
    const r = await recorder(t.db);
    const messageId = newMessageId();
    const info = await sender.sendMail({
      from: `Olivia Owner <${r.ownerEmail}>`,
      to: "support@reset.example",
      subject: "Forgot my recorder password",
      text: "Photo attached, thanks.",
      messageId,
      headers: { "Authentication-Results": AUTH_RESULTS },
      attachments: [{ filename: "IMG_2041.jpg", content: await qrPhoto(r.challenge), contentType: "image/jpeg" }],
    });
    expect(info.response).toMatch(/^250 .*ticket \d+/);
    const row = await inbound(messageId);
    expect(row).toMatchObject({ outcome: "TICKET", source: "SMTP", fromAddress: r.ownerEmail, authResults: [AUTH_RESULTS], images: 1 });
    expect(row.ticket).toMatchObject({ status: "READY", decision: "ISSUE", channel: "EMAIL", serial: r.serial, customerEmail: r.ownerEmail, assigneeId: null });
    expect(row.ticket!.evidence).toHaveLength(1);
    const system = await t.db.user.findUniqueOrThrow({ where: { email: SYSTEM_USER_EMAIL } });
    expect(row.ticket!.createdById).toBe(system.id);
    expect(system.active).toBe(false);
    const received = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: row.ticketId!, action: "ticket.email_received" } });
    expect(received.details).toMatchObject({ outcome: "TICKET", authenticationResults: AUTH_RESULTS });
  });

  it("a requester who is not the owner of record never counts as the owner: the ticket goes to review", async () => {
    const r = await recorder(t.db);
    const messageId = newMessageId();
    await sender.sendMail({
      from: "someone.else@elsewhere.example",
      to: "support@reset.example",
      subject: "reset",
      text: "see photo",
      messageId,
      attachments: [{ filename: "qr.png", content: await qrPhoto(r.challenge, { format: "png" }) }],
    });
    const row = await inbound(messageId);
    expect(row.outcome).toBe("TICKET");
    expect(row.ticket!.decision).not.toBe("ISSUE");
    expect(row.ticket!.checks).toEqual(expect.arrayContaining([expect.objectContaining({ id: "REQUESTER_EMAIL_DIFFERS", outcome: "review" })]));
  });

  it("a PDF scan of the QR code is read from its first page", async () => {
    const r = await recorder(t.db);
    const messageId = newMessageId();
    await sender.sendMail({
      from: r.ownerEmail,
      to: "support@reset.example",
      subject: "scan attached",
      text: "the code is in the PDF",
      messageId,
      attachments: [{ filename: "scan.pdf", content: Buffer.from(await pdfWithJpeg(await qrPhoto(r.challenge))), contentType: "application/pdf" }],
    });
    const row = await inbound(messageId);
    expect(row).toMatchObject({ outcome: "TICKET", images: 1 });
    expect(row.ticket).toMatchObject({ status: "READY", serial: r.serial });
  });

  it("a reset link in the HTML body is enough (the HTML itself is kept only as text)", async () => {
    const r = await recorder(t.db);
    const messageId = newMessageId();
    await sender.sendMail({
      from: r.ownerEmail,
      to: "support@reset.example",
      subject: "link",
      html: `<p>Here is the <a href="${r.challenge.replaceAll("&", "&amp;")}">link</a><script>alert(1)</script></p>`,
      messageId,
    });
    const row = await inbound(messageId);
    expect(row.ticket).toMatchObject({ status: "READY", serial: r.serial });
    expect(row.text).not.toContain("<script");
  });

  it("IMAP (Dovecot): messages are handled once and flagged; a photo without a code opens 'Needs a photo' with the photo kept", async () => {
    const r = await recorder(t.db);
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
    await client.connect();
    try {
      const withCode = newMessageId();
      const withoutCode = newMessageId();
      const heicLike = await qrPhoto(r.challenge, { format: "webp" });
      await client.append(
        "INBOX",
        await rawMessage({
          from: r.ownerEmail,
          to: "support@reset.example",
          subject: "inline photo",
          messageId: withCode,
          html: '<img src="cid:qr@inline">',
          attachments: [{ filename: "inline.webp", content: heicLike, cid: "qr@inline", contentType: "image/webp" }],
        }),
      );
      await client.append(
        "INBOX",
        await rawMessage({
          from: "kim.lee@example.org",
          to: "support@reset.example",
          subject: "help",
          messageId: withoutCode,
          text: "my recorder",
          attachments: [{ filename: "blurry.jpg", content: await blankPhoto() }],
        }),
      );
      await client.mailboxOpen("INBOX");
      expect(await processMailbox({ client, db: t.db, limits: LIMITS, pool })).toBe(2);
      expect(await processMailbox({ client, db: t.db, limits: LIMITS, pool })).toBe(0);
      const flagged = await client.search({ keyword: PROCESSED_KEYWORD }, { uid: true });
      expect(flagged || []).toHaveLength(2);

      const ready = await inbound(withCode);
      expect(ready).toMatchObject({ source: "IMAP", outcome: "TICKET" });
      expect(ready.ticket!.status).toBe("READY");
      const needs = await inbound(withoutCode);
      expect(needs.outcome).toBe("NEEDS_PHOTO");
      expect(needs.ticket).toMatchObject({ status: "NEEDS_PHOTO", channel: "EMAIL", challengeId: null });
      expect(needs.ticket!.evidence).toHaveLength(1);
    } finally {
      await client.logout();
    }
  });

  it("IMAP: the poller waits in IDLE and handles new mail as it arrives (holding the poller lock on PostgreSQL)", async () => {
    const r = await recorder(t.db);
    const controller = new AbortController();
    const poller = runImapPoller({ db: t.db, url: dovecot.url, databaseUrl: t.url, signal: controller.signal, limits: LIMITS, pool, rescanMs: 120_000 });
    const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.pass }, logger: false });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await client.connect();
      const messageId = newMessageId();
      await client.append(
        "INBOX",
        await rawMessage({
          from: r.ownerEmail,
          to: "s@x.example",
          subject: "idle",
          messageId,
          attachments: [{ filename: "qr.jpg", content: await qrPhoto(r.challenge) }],
        }),
      );
      let row = null;
      for (let i = 0; i < 100 && !row; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        row = await t.db.inboundMessage.findUnique({ where: { messageId }, include: { ticket: true } });
      }
      expect(row?.ticket?.status).toBe("READY");
    } finally {
      await client.logout().catch(() => undefined);
      controller.abort();
      await poller;
    }
  });

  it("replies thread into their ticket by In-Reply-To and by the [RT-…] tag in the subject", async () => {
    const first = newMessageId();
    const a = await ingestEmail({
      db: t.db,
      raw: await rawMessage({ from: "kim@example.org", to: "s@x.example", subject: "no photo", text: "hello", messageId: first }),
      source: "SMTP",
      limits: LIMITS,
      pool,
    });
    expect(a.outcome).toBe("NEEDS_PHOTO");
    const byHeader = await ingestEmail({
      db: t.db,
      raw: await rawMessage({
        from: "kim@example.org",
        to: "s@x.example",
        subject: "Re: no photo",
        text: "more",
        messageId: newMessageId(),
        inReplyTo: first,
        references: [first],
      }),
      source: "SMTP",
      limits: LIMITS,
      pool,
    });
    expect(byHeader).toMatchObject({ outcome: "THREADED", ticketId: a.ticketId });
    const bySubject = await ingestEmail({
      db: t.db,
      raw: await rawMessage({
        from: "kim@example.org",
        to: "s@x.example",
        subject: `Re: your request [${ticketRef(a.ticketNumber!)}]`,
        text: "again",
        messageId: newMessageId(),
      }),
      source: "IMAP",
      limits: LIMITS,
      pool,
    });
    expect(bySubject).toMatchObject({ outcome: "THREADED", ticketId: a.ticketId });
    expect(await t.db.inboundMessage.count({ where: { ticketId: a.ticketId } })).toBe(3);
    expect(await t.db.ticket.count({ where: { customerEmail: "kim@example.org" } })).toBe(1);
    // Someone else naming the ticket (its number, or a Message-ID of its thread) does not write into it: theirs is a new ticket.
    const stranger = await ingestEmail({
      db: t.db,
      raw: await rawMessage({
        from: "mallory@elsewhere.example",
        to: "s@x.example",
        subject: `Call +1 555 0100 to confirm your reset [${ticketRef(a.ticketNumber!)}]`,
        text: "injected",
        messageId: newMessageId(),
        inReplyTo: first,
        references: [first],
      }),
      source: "SMTP",
      limits: LIMITS,
      pool,
    });
    expect(stranger.outcome).toBe("NEEDS_PHOTO");
    expect(stranger.ticketId).not.toBe(a.ticketId);
    expect(await t.db.inboundMessage.count({ where: { ticketId: a.ticketId } })).toBe(3);
  });

  it("an agent who holds the ticket replies to the requester, threaded; the customer's answer threads back through the outbox's Message-ID", async () => {
    const first = newMessageId();
    const opened = await ingestEmail({
      db: t.db,
      raw: await rawMessage({ from: "Kim <kim.reply@example.org>", to: "s@x.example", subject: "Recorder locked", text: "help", messageId: first }),
      source: "SMTP",
      limits: LIMITS,
      pool,
    });
    const agent = await seedStaff(t.db, "AGENT");
    const other = await seedStaff(t.db, "AGENT");
    const actor = (u: { id: string; name: string }) => ({ id: u.id, label: u.name, role: "AGENT" as const, ip: null });
    await expect(replyToRequester({ db: t.db, actor: actor(agent), ticketId: opened.ticketId!, body: "Please send a photo." })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await t.db.ticket.update({ where: { id: opened.ticketId! }, data: { assigneeId: agent.id } });
    await expect(replyToRequester({ db: t.db, actor: actor(other), ticketId: opened.ticketId!, body: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { outboxId } = await replyToRequester({
      db: t.db,
      actor: actor(agent),
      ticketId: opened.ticketId!,
      body: "Please send a clearer photo of the QR code.",
    });
    const row = await t.db.outboxEmail.findUniqueOrThrow({ where: { id: outboxId } });
    expect(row).toMatchObject({ kind: "TICKET_REPLY", to: "kim.reply@example.org", ticketId: opened.ticketId });
    const message = await renderOutboxEmail({ db: t.db, email: row, now: new Date(), settings: await getSettings({ db: t.db }) });
    expect(message.subject).toBe(`Re: Recorder locked [${ticketRef(opened.ticketNumber!)}]`);
    expect(message.headers).toMatchObject({ "In-Reply-To": first, References: first, "Auto-Submitted": "no" });
    expect(message.text).toBe("Please send a clearer photo of the QR code.");

    const answer = await ingestEmail({
      db: t.db,
      raw: await rawMessage({
        from: "kim.reply@example.org",
        to: "s@x.example",
        subject: "Re: stuff",
        text: "here",
        messageId: newMessageId(),
        inReplyTo: `<outbox.${outboxId}@reset.example>`,
      }),
      source: "IMAP",
      limits: LIMITS,
      pool,
    });
    expect(answer).toMatchObject({ outcome: "THREADED", ticketId: opened.ticketId });
    const thread = await listEmailThread({ db: t.db, ticketId: opened.ticketId! });
    expect(thread.map((e) => e.direction)).toEqual(["in", "out", "in"]);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { ticketId: opened.ticketId!, action: "ticket.reply_queued" } });
    expect(audit.actorId).toBe(agent.id);
  });

  it("the same Message-ID twice creates nothing new, even when both arrive at once", async () => {
    const r = await recorder(t.db);
    const messageId = newMessageId();
    const raw = await rawMessage({
      from: r.ownerEmail,
      to: "s@x.example",
      subject: "twice",
      messageId,
      attachments: [{ filename: "qr.jpg", content: await qrPhoto(r.challenge) }],
    });
    const results = await Promise.all([1, 2].map(() => ingestEmail({ db: t.db, raw, source: "SMTP", limits: LIMITS, pool })));
    expect(results.map((x) => x.outcome).sort()).toEqual(["DUPLICATE", "TICKET"]);
    const again = await sender.sendMail({ envelope: { from: r.ownerEmail, to: ["s@x.example"] }, raw });
    expect(again.response).toMatch(/^250/);
    expect(await t.db.inboundMessage.count({ where: { messageId } })).toBe(1);
    expect(await t.db.ticket.count({ where: { serial: r.serial } })).toBe(1);
  });

  it("RFC 3834: automated mail opens nothing; list, bulk and no-reply mail gets no automatic answer", async () => {
    const ingest = async (headers: Record<string, string>, from = "c@example.org") =>
      ingestEmail({
        db: t.db,
        raw: await rawMessage({ from, to: "s@x.example", subject: "x", text: "x", messageId: newMessageId(), headers }),
        source: "SMTP",
        limits: LIMITS,
        pool,
      });
    expect(await ingest({ "Auto-Submitted": "auto-replied" })).toMatchObject({ outcome: "IGNORED", ticketId: null });
    expect(await ingest({}, "MAILER-DAEMON@mx.example.org")).toMatchObject({ outcome: "IGNORED" });
    const human = await ingest({ "Auto-Submitted": "no" });
    expect(human).toMatchObject({ outcome: "NEEDS_PHOTO", autoReplyRefusal: null });
    expect((await ingest({ Precedence: "bulk" })).autoReplyRefusal).toBe("Precedence: bulk");
    expect((await ingest({ "List-Id": "<news.example.org>" })).autoReplyRefusal).toMatch(/list/);
    expect((await ingest({}, "noreply@shop.example")).autoReplyRefusal).toMatch(/no-reply/);
  });

  it("limits: an oversized message is refused by the SMTP listener (552); a photo over the pixel limit is not expanded", async () => {
    const big = nodemailer.createTransport({ host: "127.0.0.1", port: smallSmtp.port, secure: false, ignoreTLS: true });
    try {
      await expect(
        big.sendMail({ from: "c@example.org", to: "s@x.example", subject: "big", text: "x".repeat(60_000), messageId: newMessageId() }),
      ).rejects.toMatchObject({ responseCode: 552 });
    } finally {
      big.close();
    }
    const r = await recorder(t.db);
    const huge = await sharp(await qrPhoto(r.challenge))
      .resize(4000, 3000)
      .jpeg()
      .toBuffer();
    const messageId = newMessageId();
    const result = await ingestEmail({
      db: t.db,
      raw: await rawMessage({ from: r.ownerEmail, to: "s@x.example", subject: "huge", messageId, attachments: [{ filename: "huge.jpg", content: huge }] }),
      source: "SMTP",
      limits: { ...LIMITS, maxPixels: 2_000_000 },
      pool,
    });
    expect(result.outcome).toBe("NEEDS_PHOTO");
    const tooMany = await ingestEmail({
      db: t.db,
      raw: await rawMessage({
        from: "c@example.org",
        to: "s@x.example",
        subject: "many",
        messageId: newMessageId(),
        attachments: await Promise.all([1, 2, 3].map(async (i) => ({ filename: `b${i}.jpg`, content: await blankPhoto() }))),
      }),
      source: "SMTP",
      limits: { ...LIMITS, maxImages: 1 },
      pool,
    });
    const row = await inbound((await t.db.inboundMessage.findFirstOrThrow({ where: { ticketId: tooMany.ticketId } })).messageId);
    expect(row.images).toBe(3);
    expect(row.ticket!.evidence).toHaveLength(1);
  });
});
