"use server";

import { confirmTotpEnrolment } from "@/lib/auth/mfa/enrol-totp";
import { endOwnSession } from "@/lib/auth/mfa/sessions";
import { verifySecondFactor } from "@/lib/auth/mfa/verify-second-factor";
import { removePasskey } from "@/lib/auth/passkeys/remove-passkey";
import { stepUpFor } from "@/lib/auth/step-up";
import { serverAction } from "@/lib/http/server-action";
import { endSessionSchema, passkeyIdSchema, secondFactorCodeSchema } from "@/lib/validation/auth";

/** The first code from the new authenticator app: confirms it, answers the ten recovery codes (shown once). */
export const confirmTotpAction = serverAction({
  name: "action:confirmTotp",
  role: "AGENT",
  schema: secondFactorCodeSchema,
  labels: { code: "Code" },
  allowPendingFactor: true,
  run: async ({ code }, { db, user, actor }) => {
    const { recoveryCodes } = await confirmTotpEnrolment({ db, actor, sessionId: user.sessionId, ip: actor.ip, code });
    return {
      message: "Your authenticator app is set up. Keep these recovery codes somewhere safe: each works once, and they are shown only now.",
      // No revalidation: it would re-render /mfa, which sends a fully signed-in user on, before the codes are read.
      reveal: recoveryCodes,
    };
  },
});

/** The second step of signing in: a code from the app or a recovery code. */
export const verifySecondFactorAction = serverAction({
  name: "action:verifySecondFactor",
  role: "AGENT",
  schema: secondFactorCodeSchema,
  labels: { code: "Code" },
  allowPendingFactor: true,
  run: async ({ code }, { db, user, actor }) => {
    await verifySecondFactor({ db, actor, sessionId: user.sessionId, ip: actor.ip, code, purpose: "sign_in" });
    return { redirectTo: "/tickets" };
  },
});

export const endSessionAction = serverAction({
  name: "action:endSession",
  role: "AGENT",
  schema: endSessionSchema,
  run: async ({ sessionId }, { db, actor }) => {
    await endOwnSession({ db, actor, ip: actor.ip, sessionId });
    return { message: "Signed out there.", revalidate: ["/account"] };
  },
});

/** Removing a passkey asks for a recent second factor (the step-up dialog): removePasskey checks it. */
export const removePasskeyAction = serverAction({
  name: "action:removePasskey",
  role: "AGENT",
  schema: passkeyIdSchema,
  run: async ({ passkeyId, stepUpCode }, { db, actor, user }) => {
    await removePasskey({ db, actor, stepUp: stepUpFor(user, stepUpCode), passkeyId });
    return { message: "Passkey removed.", revalidate: ["/account"] };
  },
});
