"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies a text to the clipboard and says so (politely announced for screen readers). */
export function CopyButton({ text, label = "Copy reply" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        onClick={async () => {
          const ok = await navigator.clipboard.writeText(text).then(
            () => true,
            () => false,
          );
          setCopied(ok ? "yes" : "failed");
        }}
      >
        {label}
      </Button>
      <span aria-live="polite" className="text-xs text-slate-600">
        {copied === "yes" ? "Copied." : copied === "failed" ? "Could not copy: select the text instead." : ""}
      </span>
    </span>
  );
}
