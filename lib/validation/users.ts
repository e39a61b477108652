import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { Role } from "@/lib/generated/prisma/enums";

export const setUserActiveSchema = z.object({
  userId: z.uuid(),
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const inviteUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(120),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("Enter a valid email address.")),
  role: z.enum(Role),
});

export const setUserRoleSchema = z.object({
  userId: z.uuid(),
  role: z.enum(Role),
  /** The step-up dialog's second-factor code (lib/auth/step-up.ts), when the last one is more than 5 minutes old. */
  stepUpCode: z.string().trim().max(64).optional(),
});

export const userIdSchema = z.object({ userId: z.uuid() });

export const acceptInvitationSchema = z
  .object({
    invitationId: z.uuid(),
    token: z.string().min(1).max(128),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`),
    confirm: z.string().max(PASSWORD_MAX_LENGTH),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "The two passwords differ." });

export const decidePrivilegeRequestSchema = z.object({
  requestId: z.uuid(),
  decision: z.enum(["APPROVE", "REFUSE"]),
  /** The step-up dialog's second-factor code (lib/auth/step-up.ts), when the last one is more than 5 minutes old. */
  stepUpCode: z.string().trim().max(64).optional(),
});
