"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { passkeyProblem, passkeySignInAnswer } from "./passkey-client";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "Email or password is not right.",
  Locked: "This account is locked after too many failed sign-ins. Ask an admin to clear the lock.",
  // Single sign-on's refusals (lib/auth/sso/provider.ts) and next-auth's own OAuth errors.
  SsoNotInvited: "Single sign-on refused: this console has no account for your email address. Ask an admin to invite you.",
  SsoNoRole: "Single sign-on refused: none of your groups at the identity provider gives a role in this console. Ask your identity admin.",
  SsoDisabled: "Single sign-on refused: your account is disabled. Ask an admin.",
  SsoEmailUnverified: "Single sign-on refused: the identity provider has not verified your email address.",
  SsoSubjectMismatch: "Single sign-on refused: this console account is linked to another account at the identity provider. Ask an admin.",
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your password.",
  OAuthCallback: "Single sign-on did not complete. Try again, or sign in with your password.",
  Callback: "Single sign-on did not complete. Try again, or sign in with your password.",
  AccessDenied: "Single sign-on refused.",
  PasskeyRefused: "That passkey was not accepted: it may have been removed, or belong to no account here. Sign in with your password.",
};

/** The form's words for next-auth's error code; "Throttled:12" carries the wait in seconds. */
function messageFor(code: string | null | undefined): string {
  const wait = /^Throttled:(\d+)$/.exec(code ?? "");
  if (wait) return `Too many failed attempts. Try again in ${wait[1]} s.`;
  return MESSAGES[code ?? ""] ?? MESSAGES.CredentialsSignin!;
}

export function LoginForm({ callbackUrl, initialError, ssoName }: { callbackUrl: string; initialError: string | null; ssoName: string | null }) {
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(messageFor(result?.error));
  }

  async function onPasskey() {
    setPending(true);
    setError(null);
    try {
      const response = await passkeySignInAnswer();
      const result = await signIn("passkey", { response: JSON.stringify(response), redirect: false });
      if (result?.ok && !result.error) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(messageFor(result?.error));
    } catch (e) {
      setError(passkeyProblem(e));
    }
    setPending(false);
  }

  return (
    <>
      {ssoName ? (
        <div className="mb-4 flex flex-col gap-4">
          <Button
            type="button"
            disabled={pending}
            onClick={() => {
              setPending(true);
              setError(null);
              void signIn("oidc", { callbackUrl });
            }}
          >
            Sign in with {ssoName}
          </Button>
          <p className="text-center text-xs text-slate-500">or with your email and password</p>
        </div>
      ) : null}
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      <div className="mt-4 flex flex-col gap-2 border-t border-slate-200 pt-4">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => void onPasskey()}>
          Sign in with a passkey
        </Button>
        <p className="text-center text-xs text-slate-500">No password needed: your device unlocks the passkey (fingerprint, face or PIN).</p>
      </div>
    </>
  );
}
