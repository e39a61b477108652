"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { clearUserThrottle } from "@/lib/users/clear-user-throttle";
import { inviteUser } from "@/lib/users/invite-user";
import { resendInvitation } from "@/lib/users/resend-invitation";
import { setUserActive } from "@/lib/users/set-user-active";
import { setUserRole } from "@/lib/users/set-user-role";
import { inviteUserSchema, setUserActiveSchema, setUserRoleSchema, userIdSchema } from "@/lib/validation/users";

const USERS_PATH = "/admin/users";

export async function setUserActiveAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:setUserActive");
    const parsed = setUserActiveSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const updated = await setUserActive({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    revalidatePath(USERS_PATH);
    return { ok: true, message: `${updated.name} is now ${parsed.data.active ? "active" : "disabled"}.` };
  } catch (e) {
    return actionError(e);
  }
}

export async function inviteUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:inviteUser");
    const parsed = inviteUserSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    await inviteUser({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    revalidatePath(USERS_PATH);
    return { ok: true, message: `Invitation sent to ${parsed.data.email}. The link works for 72 hours.` };
  } catch (e) {
    return actionError(e);
  }
}

export async function setUserRoleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:setUserRole");
    const parsed = setUserRoleSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const updated = await setUserRole({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    revalidatePath(USERS_PATH);
    return { ok: true, message: `${updated.name} is now ${updated.role.toLowerCase()}.` };
  } catch (e) {
    return actionError(e);
  }
}

export async function clearThrottleAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:clearThrottle");
    const parsed = userIdSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { user: target, cleared } = await clearUserThrottle({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    return { ok: true, message: cleared ? `Sign-in lock cleared for ${target.name}.` : `${target.name} had no sign-in lock.` };
  } catch (e) {
    return actionError(e);
  }
}

export async function resendInvitationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:resendInvitation");
    const parsed = userIdSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { user: target } = await resendInvitation({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    revalidatePath(USERS_PATH);
    return { ok: true, message: `A new invitation is on its way to ${target.name}.` };
  } catch (e) {
    return actionError(e);
  }
}
