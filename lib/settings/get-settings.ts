import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_SETTINGS, type Settings } from "./defaults";

/** Stored settings over the defaults; unknown or mistyped stored values are ignored. */
export async function getSettings(options: { db: Db | Prisma.TransactionClient }): Promise<Settings> {
  const rows = await options.db.setting.findMany();
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    const key = row.key as keyof Settings;
    if (key in DEFAULT_SETTINGS && typeof row.value === typeof DEFAULT_SETTINGS[key]) {
      (settings as Record<string, unknown>)[key] = row.value;
    }
  }
  return settings;
}
