"use client";
import { ErrorPanel } from "@/components/shell/error-panel";

// A page that threw while rendering: the ids to quote, and a retry.
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel digest={error.digest} retry={reset} />;
}
