"use server";

import { requireRecentSecondFactor, stepUpFor } from "@/lib/auth/step-up";
import { serverAction } from "@/lib/http/server-action";
import { clearUserThrottle } from "@/lib/users/clear-user-throttle";
import { decidePrivilegeRequest } from "@/lib/users/decide-privilege-request";
import { inviteUser } from "@/lib/users/invite-user";
import { resendInvitation } from "@/lib/users/resend-invitation";
import { isPrivilegedRole } from "@/lib/users/privilege-rules";
import { requestFactorReset } from "@/lib/users/reset-user-factors";
import { setUserActive } from "@/lib/users/set-user-active";
import { setUserRole } from "@/lib/users/set-user-role";
import { decidePrivilegeRequestSchema, inviteUserSchema, setUserActiveSchema, setUserRoleSchema, userIdSchema } from "@/lib/validation/users";

const USERS_PATH = "/admin/users";

export const setUserActiveAction = serverAction({
  name: "action:setUserActive",
  role: "ADMIN",
  schema: setUserActiveSchema,
  run: async (input, { db, actor }) => {
    const { user, pending } = await setUserActive({ db, actor, ip: actor.ip, ...input });
    if (pending) return { message: `Re-enabling ${user.name} waits for a second admin's approval.`, revalidate: [USERS_PATH] };
    return { message: `${user.name} is now ${input.active ? "active" : "disabled"}.`, revalidate: [USERS_PATH] };
  },
});

export const inviteUserAction = serverAction({
  name: "action:inviteUser",
  role: "ADMIN",
  schema: inviteUserSchema,
  run: async (input, { db, actor }) => {
    const { pending } = await inviteUser({ db, actor, ip: actor.ip, ...input });
    if (pending) return { message: `Inviting ${input.email} as ${input.role.toLowerCase()} waits for a second admin's approval.`, revalidate: [USERS_PATH] };
    return { message: `Invitation sent to ${input.email}. The link works for 72 hours.`, revalidate: [USERS_PATH] };
  },
});

export const setUserRoleAction = serverAction({
  name: "action:setUserRole",
  role: "ADMIN",
  schema: setUserRoleSchema,
  run: async ({ stepUpCode, ...input }, { db, actor, user: me }) => {
    // Granting (or asking to grant) a privileged role is a risky change: a recent second factor.
    if (isPrivilegedRole(input.role)) await requireRecentSecondFactor(db, stepUpFor(me, stepUpCode), `user.role ${input.userId} ${input.role}`);
    const { user, pending } = await setUserRole({ db, actor, ip: actor.ip, ...input });
    if (pending) return { message: `Making ${user.name} ${input.role.toLowerCase()} waits for a second admin's approval.`, revalidate: [USERS_PATH] };
    return { message: `${user.name} is now ${user.role.toLowerCase()}.`, revalidate: [USERS_PATH] };
  },
});

export const clearThrottleAction = serverAction({
  name: "action:clearThrottle",
  role: "ADMIN",
  schema: userIdSchema,
  run: async (input, { db, actor }) => {
    const { user: target, cleared } = await clearUserThrottle({ db, actor, ip: actor.ip, ...input });
    return { message: cleared ? `Sign-in lock cleared for ${target.name}.` : `${target.name} had no sign-in lock.` };
  },
});

export const resendInvitationAction = serverAction({
  name: "action:resendInvitation",
  role: "ADMIN",
  schema: userIdSchema,
  run: async (input, { db, actor }) => {
    const { user: target } = await resendInvitation({ db, actor, ip: actor.ip, ...input });
    return { message: `A new invitation is on its way to ${target.name}.`, revalidate: [USERS_PATH] };
  },
});

export const decidePrivilegeRequestAction = serverAction({
  name: "action:decidePrivilegeRequest",
  role: "ADMIN",
  schema: decidePrivilegeRequestSchema,
  run: async ({ stepUpCode, ...input }, { db, actor, user }) => {
    // Approving a grant (or a factor reset) is the second admin's risky change: a recent second factor.
    if (input.decision === "APPROVE") await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), `privilege.approve ${input.requestId}`);
    const decided = await decidePrivilegeRequest({ db, actor, ip: actor.ip, ...input });
    const what =
      decided.change === "REACTIVATE"
        ? `re-enabling ${decided.name}`
        : decided.change === "MFA_RESET"
          ? `resetting the second factor of ${decided.name}`
          : decided.change === "INVITE"
            ? `inviting ${decided.name}`
            : `${decided.name} as ${decided.role?.toLowerCase()}`;
    return { message: decided.status === "APPROVED" ? `Approved: ${what}.` : `Refused: ${what}.`, revalidate: [USERS_PATH] };
  },
});

/** Lost phone: files a reset of the user's second factor for a second admin to approve. */
export const requestFactorResetAction = serverAction({
  name: "action:requestFactorReset",
  role: "ADMIN",
  schema: userIdSchema,
  run: async (input, { db, actor }) => {
    const { user } = await requestFactorReset({ db, actor, ip: actor.ip, ...input });
    return { message: `Resetting the second factor of ${user.name} waits for a second admin's approval.`, revalidate: [USERS_PATH] };
  },
});
