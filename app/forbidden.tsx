import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Rendered with HTTP 403 whenever a page calls forbidden() (lib/auth/guard.ts). */
export default function Forbidden() {
  return (
    <div className="flex min-h-[60vh] items-center justify-center p-4">
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-wide text-red-700">403 · Not allowed</p>
        <h1 className="mt-2 text-xl font-semibold">Your role does not give access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">The attempt has been recorded. If you need access, ask an admin to change your role.</p>
        <Link href="/tickets" className={buttonClasses("primary", "mt-6")}>
          Back to tickets
        </Link>
      </div>
    </div>
  );
}
