"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { CHALLENGE_TEXT } from "@/lib/qr/challenge-text";
import { holdEvidencePhoto } from "@/components/evidence/held-photo";
import { decodeImageFile } from "@/lib/qr/decode-client";
import type { Corners } from "@/lib/qr/types";
import { CopyButton } from "@/components/guidance/copy-button";
import { explainLinkProblem, type LinkProblem } from "@/lib/guidance/link-problems";
import { ChallengeParseError, describeChallenge, parseChallengeInText } from "@/lib/reset-protocol/client";
import { formatSpan, MINUTE_MS } from "@/lib/time";
import { FieldError, fieldAria } from "@/components/ui/field";
import { BETTER_PHOTO_REPLY } from "./better-photo-reply";
import { QrPreview } from "./qr-preview";

// Longer than the pipeline's default (900 ms, what the Node benchmark measures): the worker starts
// with cold JIT on every photo, agents' laptops are slower than a server, and the page stays
// responsive (the decode is off the main thread, with progress and cancel). A photo that also
// shows another code (a help link) spends part of the budget reading and refusing it.
const INTAKE_TIME_BUDGET_MS = 2500;

type Photo = { url: string; width: number; height: number; corners: Corners | null; name: string };
type Status =
  | { kind: "idle" }
  | { kind: "decoding"; pass: string; step: number; of: number }
  | { kind: "found"; pass: string; ms: number }
  | { kind: "failed"; message: string };

function relative(iso: string, now: number): string {
  const ms = new Date(iso).getTime() - now;
  if (Math.round(ms / MINUTE_MS) === 0) return "now";
  return ms > 0 ? `${formatSpan(ms)} ahead of now` : `${formatSpan(ms)} ago`;
}

/**
 * The customer's QR code, by photo (drop, paste anywhere with Ctrl/Cmd+V, pick a file, or the
 * phone's camera) or by the link their phone showed (pasted; line breaks are ignored). Photos
 * are decoded in a Web Worker; the decoded text fills the same field the server checks.
 */
export function QrIntake({ name, errors }: { name: string; errors?: string[] }) {
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [dragging, setDragging] = useState(false);
  const [copied, setCopied] = useState(false);
  const [now, setNow] = useState<number | null>(null);
  const zone = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);

  const decode = useCallback(async (file: File) => {
    // Kept as evidence: the ticket page uploads it once the ticket exists (components/evidence).
    holdEvidencePhoto(file);
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setCopied(false);
    const url = URL.createObjectURL(file);
    // Only the oriented size, for the preview's outline; the pixels are decoded again in the worker.
    const size = await createImageBitmap(file, { imageOrientation: "from-image" }).then(
      (b) => {
        const s = { width: b.width, height: b.height };
        b.close();
        return s;
      },
      () => ({ width: 1, height: 1 }),
    );
    setPhoto((old) => {
      if (old) URL.revokeObjectURL(old.url);
      return { url, ...size, corners: null, name: file.name || "pasted image" };
    });
    setStatus({ kind: "decoding", pass: "loading", step: 0, of: 1 });
    const result = await decodeImageFile(file, {
      signal: controller.signal,
      accept: CHALLENGE_TEXT,
      timeBudgetMs: INTAKE_TIME_BUDGET_MS,
      onProgress: (step, of, pass) => setStatus({ kind: "decoding", pass, step: step + 1, of }),
    });
    if (controller.signal.aborted) return;
    if (result.ok) {
      setText(result.text);
      setPhoto((p) => (p ? { ...p, corners: result.corners } : p));
      setStatus({ kind: "found", pass: result.pass, ms: Math.round(result.timings.totalMs) });
    } else if (result.reason === "cancelled") {
      setStatus({ kind: "idle" });
    } else {
      setStatus({ kind: "failed", message: result.message ?? "No reset QR code could be read in this photo." });
    }
  }, []);

  // Paste anywhere on the intake: an image is decoded; text outside a field goes into the link box.
  useEffect(() => {
    function onPaste(event: ClipboardEvent) {
      const image = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/"));
      if (image) {
        event.preventDefault();
        void decode(image);
        return;
      }
      const target = event.target as HTMLElement | null;
      const pasted = event.clipboardData?.getData("text/plain");
      if (pasted && !target?.closest("input, textarea, [contenteditable=true]")) {
        event.preventDefault();
        setText(pasted);
      }
    }
    window.addEventListener("paste", onPaste);
    // Says the page now handles drops and pastes (after hydration, an event before is lost).
    zone.current?.setAttribute("data-listening", "true");
    return () => window.removeEventListener("paste", onPaste);
  }, [decode]);

  useEffect(() => () => abort.current?.abort(), []);

  // "How far is the recorder's clock from ours": a clock read after hydration, refreshed each minute.
  useEffect(() => {
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 60_000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, []);

  const preview = useMemo(() => {
    if (!text.trim()) return null;
    try {
      return { ok: true as const, fields: describeChallenge(parseChallengeInText(text)) };
    } catch (e) {
      return { ok: false as const, problem: explainLinkProblem(e instanceof ChallengeParseError ? e.reason : "not-rp1") satisfies LinkProblem };
    }
  }, [text]);

  const onFiles = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void decode(file);
  };
  const aria = fieldAria(name, { errors });

  return (
    <div className="flex flex-col gap-3">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          onFiles(e.dataTransfer.files);
        }}
        data-testid="qr-dropzone"
        ref={zone}
        className={`flex flex-col items-center gap-2 rounded-lg border-2 border-dashed p-5 text-center ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"}`}
      >
        <p className="text-sm font-medium">Drop the customer&apos;s photo of the QR code here</p>
        <p className="text-xs text-slate-600">or paste it anywhere with Ctrl+V / ⌘V — JPEG, PNG, WebP (HEIC where the browser supports it)</p>
        <div className="flex flex-wrap justify-center gap-2">
          <Button variant="secondary" onClick={() => fileInput.current?.click()}>
            Choose photo…
          </Button>
          <Button variant="ghost" className="sm:hidden" onClick={() => cameraInput.current?.click()}>
            Use camera
          </Button>
        </div>
        <label className="sr-only" htmlFor={`${name}-photo`}>
          Photo of the QR code
        </label>
        <input
          ref={fileInput}
          id={`${name}-photo`}
          type="file"
          accept="image/*,.heic,.heif"
          className="sr-only"
          onChange={(e) => onFiles(e.target.files)}
          tabIndex={-1}
        />
        <input
          ref={cameraInput}
          type="file"
          accept="image/*"
          capture="environment"
          className="sr-only"
          onChange={(e) => onFiles(e.target.files)}
          tabIndex={-1}
          aria-hidden
        />
      </div>

      <div aria-live="polite" className="text-sm">
        {status.kind === "decoding" ? (
          <div className="flex items-center gap-3">
            <progress max={status.of} value={status.step} className="h-2 w-40" aria-label="Reading the photo" />
            <span className="text-slate-600">
              Reading the photo… ({status.step}/{status.of})
            </span>
            <Button variant="ghost" onClick={() => abort.current?.abort()}>
              Cancel
            </Button>
          </div>
        ) : status.kind === "found" ? (
          <p className="text-emerald-800">QR code read in {status.ms} ms.</p>
        ) : status.kind === "failed" ? (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
            <p className="font-medium">{status.message}</p>
            <p className="mt-1">Ask the customer for a better photo. A reply you can send:</p>
            <pre className="mt-2 max-h-40 overflow-auto whitespace-pre-wrap rounded bg-white p-2 text-xs">{BETTER_PHOTO_REPLY}</pre>
            <Button
              variant="secondary"
              className="mt-2"
              onClick={async () => {
                await navigator.clipboard.writeText(BETTER_PHOTO_REPLY).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy reply"}
            </Button>
          </div>
        ) : null}
      </div>

      {photo ? <QrPreview src={photo.url} width={photo.width} height={photo.height} corners={photo.corners} /> : null}

      <label htmlFor={name} className="text-sm font-medium">
        Reset link from the customer
      </label>
      <textarea
        id={name}
        name={name}
        rows={3}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="https://reset.example.com/rp1?s=… (filled in from the photo, or paste the link)"
        {...aria.control}
        className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs aria-[invalid=true]:border-red-600"
      />
      <FieldError id={aria.errorId} errors={errors} />
      {preview?.ok ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md bg-slate-50 p-3 text-sm" aria-label="Challenge fields">
          {preview.fields.map((f) => (
            <div key={f.field} className="contents">
              <dt className="text-slate-500">{f.label}</dt>
              <dd className="font-mono text-[13px]">
                {f.value}
                {f.field === "t" && now !== null ? <span className="ml-2 font-sans text-xs text-slate-600">({relative(f.value, now)})</span> : null}
              </dd>
            </div>
          ))}
        </dl>
      ) : preview ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="link-problem">
          <p className="font-medium">{preview.problem.message}</p>
          <details className="mt-1">
            <summary className="cursor-pointer">A reply you can send</summary>
            <p className="mt-1 whitespace-pre-wrap text-xs">{preview.problem.reply}</p>
            <div className="mt-2">
              <CopyButton text={preview.problem.reply} />
            </div>
          </details>
        </div>
      ) : null}
    </div>
  );
}
