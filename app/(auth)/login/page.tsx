import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { currentSession } from "@/lib/auth/guard";
import { FACTOR_PAGE } from "@/lib/auth/mfa/factor-rules";
import { oidcConfig } from "@/lib/auth/sso/config";
import { safeCallback } from "@/lib/http/safe-callback";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const session = await currentSession();
  if (session) redirect(session.factor === "ok" ? "/tickets" : FACTOR_PAGE);
  const { callbackUrl, error } = await searchParams;
  const next = safeCallback(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-br from-brand-900 to-slate-800 p-4">
      <div className="w-full max-w-sm rounded-xl bg-white p-8 shadow-xl">
        <h1 className="text-xl font-semibold text-slate-900">Reset Console</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in with your support account.</p>
        <LoginForm callbackUrl={next} initialError={error ?? null} ssoName={oidcConfig()?.name ?? null} />
      </div>
    </main>
  );
}
