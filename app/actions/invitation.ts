"use server";

import { publicServerAction } from "@/lib/http/server-action";
import { acceptInvitation } from "@/lib/users/accept-invitation";
import { acceptInvitationSchema } from "@/lib/validation/users";

/** Public by design: the invitation token is the credential, checked in acceptInvitation. */
export const acceptInvitationAction = publicServerAction({
  name: "action:acceptInvitation",
  schema: acceptInvitationSchema,
  run: async (input, { db, ip }) => {
    await acceptInvitation({ db, ip, invitationId: input.invitationId, token: input.token, password: input.password });
    return { message: "Your password is set. You can sign in now." };
  },
});
