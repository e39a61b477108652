"use client";
import { useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";

const noSubscription = () => () => {};
const readRequestId = () => document.querySelector<HTMLMetaElement>('meta[name="request-id"]')?.content;

/**
 * What a page that failed on the server shows: a plain apology, what to try, and the ids that
 * find the failure in the logs (the request id from proxy.ts, Next's error digest). Never the
 * error's message, which may carry data.
 */
export function ErrorPanel({ digest, retry }: { digest?: string; retry: () => void }) {
  const requestId = useSyncExternalStore(noSubscription, readRequestId, () => undefined);
  return (
    <div role="alert" className="mx-auto my-16 max-w-md rounded-xl border border-slate-200 bg-white p-8 text-center shadow-sm">
      <p className="text-sm font-semibold uppercase tracking-wide text-red-700">Something went wrong</p>
      <h1 className="mt-2 text-xl font-semibold">This page could not be shown</h1>
      <p className="mt-2 text-sm text-slate-600">Nothing you typed was sent. Try again; if it keeps failing, give support the ids below.</p>
      <dl className="mt-4 space-y-1 text-left text-xs text-slate-600">
        {requestId && (
          <div>
            <dt className="inline font-medium">Request id: </dt>
            <dd className="inline break-all font-mono" data-testid="request-id">
              {requestId}
            </dd>
          </div>
        )}
        {digest && (
          <div>
            <dt className="inline font-medium">Error id: </dt>
            <dd className="inline break-all font-mono">{digest}</dd>
          </div>
        )}
      </dl>
      <Button className="mt-6" onClick={retry}>
        Try again
      </Button>
    </div>
  );
}
