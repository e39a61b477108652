import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { settingsSchema } from "@/lib/validation/settings";
import type { Settings } from "./defaults";
import { getSettings } from "./get-settings";

/**
 * Validates every setting against its bounds (zod) and stores only the ones that changed, with
 * one audit event listing each change as old → new.
 */
export async function updateSettings(options: { db: Db; actor: AuditActor & { id: string | null }; ip: string; values: Record<string, unknown> }) {
  const parsed = settingsSchema.safeParse(options.values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    throw new AppError("INVALID_INPUT", undefined, fieldErrors);
  }
  const next: Settings = parsed.data;
  return options.db.$transaction(async (tx) => {
    const current = await getSettings({ db: tx });
    const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => next[k] !== current[k]);
    for (const key of changed) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: next[key], updatedById: options.actor.id },
        update: { value: next[key], updatedById: options.actor.id },
      });
    }
    if (changed.length) {
      await recordAudit(tx, {
        actor: options.actor,
        action: "settings.changed",
        ip: options.ip,
        details: Object.fromEntries(changed.map((k) => [k, `${String(current[k])} → ${String(next[k])}`])),
      });
    }
    return { changed };
  });
}
