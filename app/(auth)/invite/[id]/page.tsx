import type { Metadata } from "next";
import Link from "next/link";
import { SetPasswordForm } from "@/components/admin/set-password-form";
import { Alert } from "@/components/ui/alert";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { getInvitationStatus } from "@/lib/users/get-invitation-status";

export const metadata: Metadata = { title: "Set your password", referrer: "no-referrer" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const MESSAGES = {
  used: "This invitation link has already been used. Sign in with the password you set, or ask an admin for a new invitation.",
  expired: "This invitation link has expired. Ask an admin to send a new one.",
  invalid: "This invitation link is not valid. Check that you opened the whole link from the email.",
} as const;

/** Public: the link's token (derived from the invitation id with the server secret) is the credential. */
export default async function InvitePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string }> }) {
  const { id } = await params;
  const { token } = await searchParams;
  const status = UUID.test(id) && token ? await getInvitationStatus({ db: getDb(), invitationId: id, token }) : ({ state: "invalid" } as const);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 to-slate-800 p-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <h1 className="text-xl font-semibold text-slate-900">Set your password</h1>
        {status.state === "valid" ? (
          <>
            <p className="mb-6 mt-1 text-sm text-slate-600">
              Welcome, {status.name}. Choose a password for {status.email}.
            </p>
            <SetPasswordForm invitationId={id} token={token!} email={status.email} minLength={PASSWORD_MIN_LENGTH} maxLength={PASSWORD_MAX_LENGTH} />
          </>
        ) : (
          <div className="mt-4 flex flex-col gap-4">
            <Alert tone="error">{MESSAGES[status.state]}</Alert>
            <Link href="/login" className="text-sm text-brand-700 underline">
              Go to sign in
            </Link>
          </div>
        )}
      </div>
    </main>
  );
}
