import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINES } from "@/lib/testing/databases";
import { seedStaff } from "@/lib/testing/fixtures";
import { openTestDatabase, type TestDatabase } from "@/lib/testing/test-db";
import { GUIDANCE } from "./next-steps";
import { listReplyTemplates, saveReplyTemplate } from "./reply-templates";

describe.each(ENGINES)("customer reply templates on %s", (engine) => {
  let t: TestDatabase;
  let actor: { id: string; label: string };
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    const supervisor = await seedStaff(t.db, "SUPERVISOR");
    actor = { id: supervisor.id, label: supervisor.name };
  });
  afterAll(() => t.close());

  it("starts from the built-in text, saves versions with an audit event, and never overwrites unseen", async () => {
    const [before] = await listReplyTemplates({ db: t.db, reasonCodes: ["CHALLENGE_EXPIRED"] });
    expect(before).toMatchObject({ version: 0, body: GUIDANCE.CHALLENGE_EXPIRED.reply, editedBy: null });

    const body = "Hello {name}, your QR code ({ref}) has expired: please send a new photo of the screen.";
    expect(await saveReplyTemplate({ db: t.db, actor, ip: "10.0.0.1", reasonCode: "CHALLENGE_EXPIRED", body, baseVersion: 0 })).toEqual({ version: 1 });
    const [after] = await listReplyTemplates({ db: t.db, reasonCodes: ["CHALLENGE_EXPIRED"] });
    expect(after).toMatchObject({ version: 1, body, editedBy: actor.label });

    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "template.reply_changed" }, orderBy: { seq: "desc" } });
    expect(event.details).toEqual({ reasonCode: "CHALLENGE_EXPIRED", from: 0, to: 1, length: body.length });

    // An editor opened at version 0 cannot overwrite version 1; the same text twice is no change.
    await expect(
      saveReplyTemplate({ db: t.db, actor, ip: null, reasonCode: "CHALLENGE_EXPIRED", body: `${body} Thanks.`, baseVersion: 0 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(saveReplyTemplate({ db: t.db, actor, ip: null, reasonCode: "CHALLENGE_EXPIRED", body, baseVersion: 1 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await t.db.replyTemplate.count({ where: { reasonCode: "CHALLENGE_EXPIRED" } })).toBe(1);
    // Other codes are untouched.
    const [other] = await listReplyTemplates({ db: t.db, reasonCodes: ["TAG_INVALID"] });
    expect(other).toMatchObject({ version: 0, body: GUIDANCE.TAG_INVALID.reply });
  });

  it("two supervisors saving from the same version at once: exactly one wins", async () => {
    const base = { db: t.db, actor, ip: null, reasonCode: "VELOCITY_DEVICE" as const, baseVersion: 0 };
    const results = await Promise.allSettled([
      saveReplyTemplate({ ...base, body: "Hello {name} ({ref}), first supervisor's words here." }),
      saveReplyTemplate({ ...base, body: "Hello {name} ({ref}), second supervisor's words here." }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CONFLICT"]);
  });
});
