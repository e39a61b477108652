import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Rendered with HTTP 404 for an unknown address and whenever a page calls notFound(). */
export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] items-center justify-center p-4">
      <title>Not found · Reset Console</title>
      <div className="max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">404 · Not found</p>
        <h1 className="mt-2 text-xl font-semibold">There is nothing at this address</h1>
        <p className="mt-2 text-sm text-slate-600">The link may be incomplete, or what it pointed to is gone or outside what your role can see.</p>
        <Link href="/tickets" className={buttonClasses("primary", "mt-6")}>
          Go to tickets
        </Link>
      </div>
    </main>
  );
}
