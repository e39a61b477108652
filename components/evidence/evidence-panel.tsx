"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { EVIDENCE_MAX_BYTES, EVIDENCE_TOO_LARGE_MESSAGE, isEvidenceType } from "@/lib/evidence/evidence-rules";
import { formatUtc } from "@/lib/time";
import type { EvidenceItem } from "@/lib/evidence/get-evidence";
import { takeHeldPhoto } from "./held-photo";

/** A photo type the server does not keep (HEIC, GIF, …) is turned into a JPEG here first, if the browser can read it. */
async function asKeptType(file: File): Promise<Blob> {
  if (isEvidenceType(file.type)) return file;
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas.convertToBlob({ type: "image/jpeg", quality: 0.92 });
}

async function upload(ticketId: string, file: File): Promise<string | null> {
  let body: Blob;
  try {
    body = await asKeptType(file);
  } catch {
    return "This file is not a photo the console can read. Ask for a JPEG, PNG or WebP.";
  }
  if (body.size > EVIDENCE_MAX_BYTES) return EVIDENCE_TOO_LARGE_MESSAGE;
  const response = await fetch(`/api/v1/tickets/${ticketId}/evidence`, { method: "POST", headers: { "Content-Type": body.type }, body });
  if (response.ok) return null;
  const answer = (await response.json().catch(() => null)) as { message?: string } | null;
  return answer?.message ?? "The photo could not be saved. Try again.";
}

const kb = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/**
 * The customer's photos kept with the ticket (as stored: location and other metadata removed),
 * with their SHA-256 as in the audit log. `takeHeld`: the ticket was just opened by this user, so
 * the photo the intake held is uploaded now. `canAdd`: the viewer may add one by hand.
 */
export function EvidencePanel({
  ticketId,
  items,
  canAdd,
  takeHeld,
  rawText,
}: {
  ticketId: string;
  items: EvidenceItem[];
  canAdd: boolean;
  takeHeld: boolean;
  rawText: string | null;
}) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "info" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const took = useRef(false);

  async function send(file: File) {
    setBusy(true);
    setStatus({ tone: "info", text: "Saving the customer's photo…" });
    const problem = await upload(ticketId, file);
    setBusy(false);
    setStatus(problem ? { tone: "error", text: problem } : { tone: "info", text: "Photo saved with the ticket." });
    if (!problem) router.refresh();
  }

  useEffect(() => {
    if (!takeHeld || took.current) return;
    took.current = true;
    const held = takeHeldPhoto();
    // After this render: the upload's progress is state, set from the upload, not from the effect.
    if (held) void Promise.resolve().then(() => send(held));
    // Once per mount: `send` is stable enough for a one-shot.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [takeHeld]);

  return (
    <div className="flex flex-col gap-3 text-sm">
      {items.length === 0 && !rawText ? <p className="text-slate-600">No photo is kept with this ticket.</p> : null}
      {items.length === 0 && rawText ? <p className="text-slate-600">No photo: the agent pasted the recorder&apos;s link (below).</p> : null}
      <ul className="flex flex-col gap-4" aria-label="Customer's photos">
        {items.map((e, i) => (
          <li key={e.id} className="flex flex-col gap-2">
            <a href={`/api/v1/evidence/${e.id}`} target="_blank" rel="noopener" className="block self-start">
              {/* eslint-disable-next-line @next/next/no-img-element -- a private, per-user image: not for the optimiser's shared cache */}
              <img
                src={`/api/v1/evidence/${e.id}`}
                alt={`Customer's photo ${i + 1} of ${items.length}, as kept with the ticket`}
                width={e.width}
                height={e.height}
                className="h-auto max-h-96 w-auto max-w-full rounded border border-slate-200"
              />
            </a>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-3 gap-y-0.5 text-xs text-slate-700">
              <dt className="font-medium">Added</dt>
              <dd>
                {formatUtc(e.createdAt, { seconds: true })} by {e.uploadedByName}
              </dd>
              <dt className="font-medium">Size</dt>
              <dd>
                {e.width} × {e.height} px · {kb(e.size)} · location and camera data removed
              </dd>
              <dt className="font-medium">SHA-256</dt>
              <dd className="font-mono break-all">{e.sha256}</dd>
              <dt className="font-medium">Kept until</dt>
              <dd>{formatUtc(e.purgeAfter)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      {rawText ? (
        <div>
          <p className="text-xs font-medium">Recorder link as submitted</p>
          <p className="font-mono text-xs break-all text-slate-700">{rawText}</p>
        </div>
      ) : null}
      {canAdd ? (
        <div>
          <input
            ref={input}
            type="file"
            accept="image/*"
            className="hidden"
            aria-label="Customer's photo"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) void send(file);
            }}
          />
          <Button variant="secondary" disabled={busy} onClick={() => input.current?.click()}>
            {items.length ? "Add another photo" : "Add the customer's photo"}
          </Button>
        </div>
      ) : null}
      <p aria-live="polite" className={status?.tone === "error" ? "text-red-700" : "text-slate-600"}>
        {status?.text}
      </p>
    </div>
  );
}
