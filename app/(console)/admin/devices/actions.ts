"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { changeDeviceOwner } from "@/lib/devices/change-device-owner";
import { createDevice } from "@/lib/devices/create-device";
import { setDeviceStatus } from "@/lib/devices/set-device-status";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { verifyActorPassword } from "@/lib/users/verify-actor-password";
import { changeDeviceOwnerSchema, createDeviceSchema, setDeviceStatusSchema } from "@/lib/validation/devices";

export async function createDeviceAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:createDevice");
    const parsed = createDeviceSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const device = await createDevice({ db: getDb(), actor: { id: user.id, label: user.name }, ip: user.ip, ...parsed.data });
    revalidatePath("/admin/devices");
    return { ok: true, message: `Device ${device.serial} registered.` };
  } catch (e) {
    return actionError(e);
  }
}

export async function setDeviceStatusAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:setDeviceStatus");
    const parsed = setDeviceStatusSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const { password, ...change } = parsed.data;
    const db = getDb();
    const actor = { id: user.id, label: user.name };
    // Re-activating reopens a blocked or stolen recorder to resets: step up like an owner change.
    if (change.status === "ACTIVE") await verifyActorPassword({ db, actor, ip: user.ip, password: password ?? "", purpose: `reactivate ${change.serial}` });
    await setDeviceStatus({ db, actor, ip: user.ip, ...change });
    revalidatePath(`/admin/devices/${parsed.data.serial}`);
    return { ok: true, message: `Status changed to ${parsed.data.status.toLowerCase()}.` };
  } catch (e) {
    return actionError(e);
  }
}

export async function changeDeviceOwnerAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("ADMIN", "action:changeDeviceOwner");
    const parsed = changeDeviceOwnerSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const actor = { id: user.id, label: user.name };
    const { password, ...change } = parsed.data;
    await verifyActorPassword({ db: getDb(), actor, ip: user.ip, password, purpose: "device.owner_change" });
    await changeDeviceOwner({ db: getDb(), actor, ip: user.ip, ...change });
    revalidatePath(`/admin/devices/${change.serial}`);
    return { ok: true, message: "Owner of record changed; the previous owner will be notified by email." };
  } catch (e) {
    return actionError(e);
  }
}
