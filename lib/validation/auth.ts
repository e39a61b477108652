import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(256),
});

/** A second-factor code as typed: 6 digits from the app, or a recovery code (spaces and dashes allowed). */
export const secondFactorCodeSchema = z.object({
  code: z.string().trim().min(1, "Type the code.").max(64, "At most 64 characters."),
});

export const endSessionSchema = z.object({ sessionId: z.uuid("Pick a session.") });
