"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { confirmTotpAction, verifySecondFactorAction } from "@/app/actions/mfa";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { fieldErrors } from "@/components/admin/field-errors";
import { passkeyProblem, proveWithPasskey } from "./passkey-client";

/** "JBSW Y3DP EHPK …": the manual key in groups of four, easier to type. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

export function EnrolTotpForm({ qrDataUrl, secret }: { qrDataUrl: string; secret: string }) {
  const [state, action, pending] = useActionState(confirmTotpAction, null);
  if (state?.ok) {
    return (
      <div className="flex flex-col gap-3">
        <Alert tone="success">{state.message}</Alert>
        <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded border border-slate-200 bg-slate-50 p-3 font-mono text-sm">
          {(state.reveal ?? []).map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <Link href="/tickets" className="self-start rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800">
          I have saved them: continue
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4">
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …).</li>
        <li>
          Or type this key into the app by hand:
          <code data-testid="totp-secret" className="mt-1 block break-all rounded bg-slate-100 px-2 py-1 font-mono text-sm">
            {grouped(secret)}
          </code>
        </li>
        <li>Type the 6-digit code the app shows to confirm.</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
      <img src={qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} className="self-center" />
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="Code from the app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        maxLength={64}
        errors={fieldErrors(state, "code")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Confirm"}
      </Button>
    </form>
  );
}

export function VerifyFactorForm() {
  const [state, action, pending] = useActionState(verifySecondFactorAction, null);
  return (
    <form action={action} className="flex flex-col gap-4">
      {state && !state.ok ? <Alert tone="error">{state.error}</Alert> : null}
      <Field
        label="Authentication code"
        name="code"
        autoComplete="one-time-code"
        required
        autoFocus
        maxLength={64}
        hint="The 6 digits your app shows now. Lost your phone? Type one of your recovery codes instead."
        errors={fieldErrors(state, "code")}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Verify"}
      </Button>
    </form>
  );
}

/** "Use a passkey" on /mfa: the browser's passkey prompt proves the second factor, then on to the console. */
export function PasskeyFactorButton({ next = "/tickets" }: { next?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="flex flex-col gap-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          setError(null);
          try {
            await proveWithPasskey("sign_in");
            window.location.assign(next);
            return;
          } catch (e) {
            setError(passkeyProblem(e));
          }
          setPending(false);
        }}
      >
        {pending ? "Waiting for your passkey…" : "Use a passkey"}
      </Button>
    </div>
  );
}
