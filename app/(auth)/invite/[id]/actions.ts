"use server";

import { headers } from "next/headers";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { clientIp } from "@/lib/http/client-ip";
import { acceptInvitation } from "@/lib/users/accept-invitation";
import { acceptInvitationSchema } from "@/lib/validation/users";

/** Public by design: the invitation token is the credential, checked in acceptInvitation. */
export async function acceptInvitationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  try {
    const parsed = acceptInvitationSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const ip = clientIp(await headers());
    await acceptInvitation({ db: getDb(), ip, invitationId: parsed.data.invitationId, token: parsed.data.token, password: parsed.data.password });
    return { ok: true, message: "Your password is set. You can sign in now." };
  } catch (e) {
    return actionError(e);
  }
}
