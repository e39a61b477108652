import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { invalidInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseAllowlistEntry } from "./destination";

/** The Setting row that holds the addresses and ranges webhooks may reach although they are private. */
export const ALLOWLIST_KEY = "webhookAllowedDestinations";

export async function getWebhookAllowlist(db: Db | Prisma.TransactionClient): Promise<string[]> {
  const row = await db.setting.findUnique({ where: { key: ALLOWLIST_KEY } });
  return Array.isArray(row?.value) ? row.value.filter((v): v is string => typeof v === "string") : [];
}

/** Replaces the allowlist (each entry an address or CIDR range); audited with before and after. */
export async function setWebhookAllowlist(options: { db: Db; actor: { id: string; label: string }; ip: string; entries: string[] }) {
  const bad = options.entries.filter((e) => !parseAllowlistEntry(e));
  if (bad.length) throw invalidInput({ allowlist: [`Not an address or CIDR range: ${bad.slice(0, 3).join(", ")}.`] });
  const entries = [...new Set(options.entries)];
  return options.db.$transaction(async (tx) => {
    const before = await getWebhookAllowlist(tx);
    await tx.setting.upsert({
      where: { key: ALLOWLIST_KEY },
      create: { key: ALLOWLIST_KEY, value: entries, updatedById: options.actor.id },
      update: { value: entries, updatedById: options.actor.id },
    });
    await recordAudit(tx, { actor: options.actor, action: "webhook.allowlist_changed", ip: options.ip, details: { before, after: entries } });
    return entries;
  });
}
