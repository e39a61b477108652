"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, type ActionState } from "@/lib/http/action-state";
import { updateSettings } from "@/lib/settings/update-settings";

export async function updateSettingsAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:updateSettings");
    // updateSettings validates every key against its bounds (zod) before anything is stored.
    const { changed } = await updateSettings({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, values: Object.fromEntries(form) });
    revalidatePath("/admin/settings");
    return { ok: true, message: changed.length ? `Saved: ${changed.join(", ")}.` : "Nothing changed." };
  } catch (e) {
    return actionError(e);
  }
}
