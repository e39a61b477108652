import "server-only";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { REASON_CODES, type ReasonCode } from "@/lib/tickets/checks/types";
import { GUIDANCE } from "./next-steps";

export const REPLY_MAX = 4_000;

export const saveReplyTemplateSchema = z.object({
  reasonCode: z.enum(REASON_CODES, { error: "Pick a reason code." }),
  body: z.string().trim().min(20, "Write the reply (at least 20 characters).").max(REPLY_MAX, `Use at most ${REPLY_MAX} characters.`),
  /** The version the editor started from: a newer one saved meanwhile is a conflict, not an overwrite. */
  baseVersion: z.coerce.number().int().min(0),
});

export type ReplyTemplateView = {
  reasonCode: ReasonCode;
  step: string;
  body: string;
  /** 0: the built-in text. */
  version: number;
  editedBy: string | null;
  editedAt: Date | null;
};

/** The reply agents copy for each reason code: the newest saved version, or the built-in one. */
export async function listReplyTemplates(options: { db: Db; reasonCodes?: readonly ReasonCode[] }): Promise<ReplyTemplateView[]> {
  const codes = options.reasonCodes ?? REASON_CODES;
  const rows = await options.db.replyTemplate.findMany({
    where: { reasonCode: { in: [...codes] } },
    orderBy: [{ reasonCode: "asc" }, { version: "desc" }],
    distinct: ["reasonCode"],
  });
  const editors = await options.db.user.findMany({
    where: { id: { in: rows.map((r) => r.createdById).filter((id): id is string => !!id) } },
    select: { id: true, name: true },
  });
  const byCode = new Map(rows.map((r) => [r.reasonCode, r]));
  return codes.map((reasonCode) => {
    const row = byCode.get(reasonCode);
    return {
      reasonCode,
      step: GUIDANCE[reasonCode].step,
      body: row?.body ?? GUIDANCE[reasonCode].reply,
      version: row?.version ?? 0,
      editedBy: editors.find((e) => e.id === row?.createdById)?.name ?? null,
      editedAt: row?.createdAt ?? null,
    };
  });
}

/**
 * A supervisor's new version of one reply. Saved as the next version (the old ones stay), with
 * an audit event naming the code, both versions and the new text's length; refused when someone
 * saved a newer version since the editor opened (baseVersion), so nobody overwrites unseen.
 */
export async function saveReplyTemplate(options: {
  db: Db;
  actor: AuditActor & { id: string };
  ip: string | null;
  reasonCode: ReasonCode;
  body: string;
  baseVersion: number;
}) {
  const { db, actor } = options;
  return db.$transaction(async (tx) => {
    // One writer per code at a time: the version check and the insert must not interleave.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`reply-template:${options.reasonCode}`}))`;
    const latest = await tx.replyTemplate.findFirst({ where: { reasonCode: options.reasonCode }, orderBy: { version: "desc" } });
    const current = latest?.version ?? 0;
    if (current !== options.baseVersion) {
      throw new AppError("CONFLICT", `Someone saved version ${current} of this reply while you were editing. Reload to see it.`);
    }
    if ((latest?.body ?? GUIDANCE[options.reasonCode].reply) === options.body) {
      throw new AppError("INVALID_INPUT", "Nothing changed.", { body: ["Change the text before saving."] });
    }
    const row = await tx.replyTemplate.create({
      data: { reasonCode: options.reasonCode, version: current + 1, body: options.body, createdById: actor.id },
    });
    await recordAudit(tx, {
      actor,
      action: "template.reply_changed",
      ip: options.ip,
      details: { reasonCode: options.reasonCode, from: current, to: row.version, length: options.body.length },
    });
    return { version: row.version };
  });
}
