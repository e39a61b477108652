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

/** A browser's WebAuthn answer as @simplewebauthn/browser hands it over; the library checks the rest. */
const webAuthnResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(8192) }),
  clientExtensionResults: z.looseObject({}).default({}),
});

export const passkeyNameSchema = z.string().trim().min(1, "Name the passkey.").max(60, "At most 60 characters.");

export const addPasskeySchema = z.object({ name: passkeyNameSchema, response: webAuthnResponse });

export const passkeyAssertionSchema = z.object({ response: webAuthnResponse, purpose: z.enum(["sign_in", "step_up"]).default("sign_in") });

export const stepUpCodeSchema = z.object({ stepUpCode: z.string().max(64).optional() });

export const passkeyIdSchema = z.object({ passkeyId: z.uuid("Pick a passkey."), stepUpCode: z.string().max(64).optional() });

/** The passwordless sign-in's credential field (next-auth hands form fields over as strings). */
export const passkeySignInSchema = z.object({ response: z.string().min(2).max(16_384) });
export { webAuthnResponse as webAuthnResponseSchema };
