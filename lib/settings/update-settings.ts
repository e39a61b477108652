import "server-only";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import type { Settings } from "./defaults";
import { getSettings } from "./get-settings";
import { describeSettingChange } from "./setting-fields";

/**
 * Stores the settings that changed, with one audit event listing each change by its label, old →
 * new with units ("QR code lifetime: 24 h → 12 h"), and the keys that changed. The values were
 * validated against their bounds (settingsSchema) at the boundary.
 */
export async function updateSettings(options: { db: Db; actor: AuditActor & { id: string | null }; ip: string | null; values: Settings }) {
  const next = options.values;
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
        details: { changes: changed.map((k) => describeSettingChange(k, current[k], next[k])), keys: changed },
      });
    }
    return { changed, changes: changed.map((k) => describeSettingChange(k, current[k], next[k])) };
  });
}
