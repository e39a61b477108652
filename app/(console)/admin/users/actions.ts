"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { setUserActive } from "@/lib/users/set-user-active";
import { setUserActiveSchema } from "@/lib/validation/users";

export async function setUserActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:setUserActive");
    const parsed = setUserActiveSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const updated = await setUserActive({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    revalidatePath("/admin/users");
    return { ok: true, message: `${updated.name} is now ${parsed.data.active ? "active" : "disabled"}.` };
  } catch (e) {
    return actionError(e);
  }
}
