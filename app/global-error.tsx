"use client";
import { ErrorPanel } from "@/components/shell/error-panel";
import "./globals.css";

// The root layout itself failed: this replaces it, so it brings its own <html> and <body>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <ErrorPanel digest={error.digest} retry={reset} />
      </body>
    </html>
  );
}
