import type { Metadata } from "next";
import { redirect } from "next/navigation";
import QRCode from "qrcode";
import { EnrolTotpForm, PasskeyFactorButton, VerifyFactorForm } from "@/components/auth/factor-forms";
import { SignOutLink } from "@/components/auth/sign-out-link";
import { currentSession } from "@/lib/auth/guard";
import { startTotpEnrolment } from "@/lib/auth/mfa/enrol-totp";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Second factor" };

/**
 * The only page (with sign-out) a session whose second factor is pending can reach: prove it
 * (code or recovery code), or set it up first when the role requires one. A fully signed-in user
 * without a factor may set one up here too.
 */
export default async function SecondFactorPage() {
  const session = await currentSession();
  if (!session) redirect("/login");
  if (session.factor !== "verify" && session.hasTotp) redirect("/tickets");
  // A passkey-only user whose session is through has nothing to do here but may add an app.
  let body: React.ReactNode;
  if (session.factor === "verify") {
    body = (
      <>
        <h1 className="text-xl font-semibold text-slate-900">Second factor</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">
          Signed in as {session.email}. {session.hasTotp ? "Enter the code from your authenticator app" : "Use your passkey"}
          {session.hasTotp && session.hasPasskey ? ", or use a passkey." : "."}
        </p>
        {session.hasTotp ? <VerifyFactorForm /> : null}
        {session.hasPasskey ? (
          <div className={session.hasTotp ? "mt-4 border-t border-slate-200 pt-4" : ""}>
            <PasskeyFactorButton />
          </div>
        ) : null}
      </>
    );
  } else {
    const { secret, uri } = await startTotpEnrolment({ db: getDb(), userId: session.id });
    const qr = await QRCode.toDataURL(uri, { margin: 1, width: 220, errorCorrectionLevel: "M" });
    body = (
      <>
        <h1 className="text-xl font-semibold text-slate-900">Set up your authenticator app</h1>
        <p className="mb-4 mt-1 text-sm text-slate-600">
          {session.factor === "enrol"
            ? `Your role needs a second factor. Until it is set up, nothing else in the console opens for ${session.email}.`
            : `Add a second factor to ${session.email}: it will be asked at every sign-in.`}
        </p>
        <EnrolTotpForm qrDataUrl={qr} secret={secret} />
      </>
    );
  }
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 to-slate-800 p-4">
      <div className="w-full max-w-md rounded-xl bg-white p-8 shadow-xl">
        {body}
        <div className="mt-6 border-t border-slate-200 pt-4 text-sm">
          <SignOutLink />
        </div>
      </div>
    </main>
  );
}
