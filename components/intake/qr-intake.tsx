"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { AssistRegion } from "@/lib/qr/assist";
import { CHALLENGE_TEXT } from "@/lib/qr/challenge-text";
import { assistPhoto, openPhoto, reportDecodeOutcome, type Candidate, type ClientResult, type DecodePhase, type WorkerSuccess } from "@/lib/qr/decode-client";
import { ACCEPTED_FORMATS_TEXT } from "@/lib/qr/image-format";
import { holdEvidencePhoto } from "@/components/evidence/held-photo";
import type { Corners } from "@/lib/qr/types";
import { CopyButton } from "@/components/guidance/copy-button";
import { explainLinkProblem, type LinkProblem } from "@/lib/guidance/link-problems";
import { ChallengeParseError, describeChallenge, parseChallengeInText } from "@/lib/reset-protocol/client";
import { formatSpan, MINUTE_MS } from "@/lib/time";
import { FieldError, fieldAria } from "@/components/ui/field";
import { BETTER_PHOTO_REPLY } from "./better-photo-reply";
import { ChallengePicker } from "./challenge-picker";
import { elapsedWords, PHASE_WORDS, rotationWords } from "./decode-words";
import { QrPreview } from "./qr-preview";

type Photo = {
  /** Object URL the <img> shows (the file, or the worker's JPEG preview of a HEIC); null until known. */
  url: string | null;
  width: number;
  height: number;
  name: string;
  /** The worker's id of the open photo, for the assist. */
  id: string | number | null;
};
type Status =
  | { kind: "idle" }
  | { kind: "decoding"; phase: DecodePhase; elapsedMs: number; budgetMs: number; assist: boolean }
  | { kind: "found"; ms: number; engine: "jsqr" | "zxing"; checking: boolean }
  | { kind: "choose"; candidates: Candidate[]; chosen: string | null }
  | { kind: "failed"; message: string; assist: boolean; rejected?: string[] };

function relative(iso: string, now: number): string {
  const ms = new Date(iso).getTime() - now;
  if (Math.round(ms / MINUTE_MS) === 0) return "now";
  return ms > 0 ? `${formatSpan(ms)} ahead of now` : `${formatSpan(ms)} ago`;
}

/** Why nothing was found, in the agent's words. */
function failureMessage(r: Extract<ClientResult, { ok: false }>, assisted: boolean): string {
  if (r.message) return r.message;
  const where = assisted ? "in the box you drew" : "in this photo";
  if (r.rejected?.length) return `No reset QR code was found ${where}. It holds another code, which is not a reset code: ${r.rejected[0]}`;
  return r.reason === "timeout" ? `No reset QR code could be read ${where} within the time allowed.` : `No reset QR code could be read ${where}.`;
}

/**
 * The customer's QR code, by photo (drop, paste anywhere with Ctrl/Cmd+V, pick a file, or the
 * phone's camera) or by the link their phone showed (pasted; line breaks are ignored). Photos
 * are opened and read in a Web Worker (HEIC included), up to ~6 s with progress in words and a
 * Cancel (or Escape); when nothing is found, the agent can draw a box around the code and turn
 * it. A photo with several reset codes asks the agent to pick one. The decoded text fills the
 * same field the server checks.
 */
export function QrIntake({ name, errors }: { name: string; errors?: string[] }) {
  const [text, setText] = useState("");
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [corners, setCorners] = useState<Corners | null>(null);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [box, setBox] = useState<AssistRegion | null>(null);
  const [quarterTurns, setQuarterTurns] = useState(0);
  const [fineAngle, setFineAngle] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [copied, setCopied] = useState(false);
  const [now, setNow] = useState<number | null>(null);
  const zone = useRef<HTMLDivElement>(null);
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const cameraInput = useRef<HTMLInputElement>(null);
  const rotation = (((quarterTurns % 4) + 4) % 4) * 90 + fineAngle;
  const signedRotation = rotation > 180 ? rotation - 360 : rotation;

  /** One reading (a new photo or an assist): progress, the early find, then the final result. */
  const run = useCallback(async (start: (controller: AbortController, onFound: (r: WorkerSuccess) => void) => Promise<ClientResult>, assisted: boolean) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setCopied(false);
    let early: Candidate | null = null;
    const t0 = performance.now();
    const result = await start(controller, (r) => {
      early = r.candidates[0]!;
      setText(r.text);
      setCorners(r.corners);
      setStatus({ kind: "found", ms: Math.round(r.timings.totalMs), engine: r.engine, checking: true });
    });
    if (abort.current === controller) abort.current = null;
    reportDecodeOutcome(result, performance.now() - t0);
    const opened = result.ok || (result.reason !== "unsupported-format" && result.reason !== "load-failed" && result.reason !== "worker-failed");
    if (opened) setPhoto((p) => (p ? { ...p, id: result.photo } : p));
    if (result.ok) {
      if (result.candidates.length > 1) {
        // Two recorders' codes in one photo: the agent decides, nothing is filled in for them.
        setText("");
        setCorners(null);
        setStatus({ kind: "choose", candidates: result.candidates, chosen: null });
      } else {
        setText(result.text);
        setCorners(result.corners);
        setStatus({ kind: "found", ms: Math.round(result.timings.totalMs), engine: result.engine, checking: false });
      }
      setBox(null);
    } else if (result.reason === "cancelled") {
      // Cancelled while checking for other codes: what was found stands.
      const found = early as Candidate | null;
      if (found) setStatus({ kind: "found", ms: Math.round(performance.now() - t0), engine: "jsqr", checking: false });
      else setStatus(controller.signal.aborted ? { kind: "failed", message: "Reading cancelled.", assist: true } : { kind: "idle" });
    } else {
      const canAssist = result.reason === "not-found" || result.reason === "timeout" || result.reason === "bad-assist";
      setStatus({ kind: "failed", message: failureMessage(result, assisted), assist: canAssist, rejected: result.rejected });
    }
  }, []);

  const decode = useCallback(
    (file: File) => {
      // Kept as evidence: the ticket page uploads it once the ticket exists (components/evidence).
      holdEvidencePhoto(file);
      setBox(null);
      setQuarterTurns(0);
      setFineAngle(0);
      setCorners(null);
      setPhoto((old) => {
        if (old?.url) URL.revokeObjectURL(old.url);
        return { url: null, width: 1, height: 1, name: file.name || "pasted image", id: null };
      });
      setStatus({ kind: "decoding", phase: "loading", elapsedMs: 0, budgetMs: 6000, assist: false });
      void run(
        (controller, onFound) =>
          openPhoto(file, {
            signal: controller.signal,
            accept: CHALLENGE_TEXT,
            onLoaded: (info) =>
              setPhoto((p) => {
                if (p?.url) URL.revokeObjectURL(p.url);
                return { url: URL.createObjectURL(info.preview ?? file), width: info.width, height: info.height, name: file.name || "pasted image", id: null };
              }),
            onProgress: (p) => setStatus({ kind: "decoding", ...p, assist: false }),
            onFound,
          }).then((r) => {
            // A file that could not be opened at all has no photo to show.
            if (!r.ok && (r.reason === "unsupported-format" || r.reason === "load-failed")) setPhoto(null);
            return r;
          }),
        false,
      );
    },
    [run],
  );

  const readBox = useCallback(() => {
    const id = photo?.id;
    if (id === null || id === undefined) return;
    setCorners(null);
    setStatus({ kind: "decoding", phase: "reading", elapsedMs: 0, budgetMs: 6000, assist: true });
    void run(
      (controller, onFound) =>
        assistPhoto(
          id,
          { region: box ?? undefined, rotation: signedRotation },
          {
            signal: controller.signal,
            accept: CHALLENGE_TEXT,
            onProgress: (p) => setStatus({ kind: "decoding", ...p, assist: true }),
            onFound,
          },
        ),
      true,
    );
  }, [photo?.id, box, signedRotation, run]);

  // The assist is offered once the automatic reading found nothing (and stays while the agent tries).
  const assistOpen = photo?.id != null && status.kind === "failed" && status.assist;

  // Escape cancels a reading in progress (only then: other Escape handlers keep theirs).
  const decoding = status.kind === "decoding" || (status.kind === "found" && status.checking);
  useEffect(() => {
    if (!decoding) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && abort.current) {
        e.preventDefault();
        abort.current.abort();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [decoding]);

  // Paste anywhere on the intake: an image (or a PDF) is decoded; text outside a field goes into the link box.
  useEffect(() => {
    function onPaste(event: ClipboardEvent) {
      const image = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith("image/") || f.type === "application/pdf");
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
        <p className="text-xs text-slate-600">or paste it anywhere with Ctrl+V / ⌘V — {ACCEPTED_FORMATS_TEXT}</p>
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
          accept="image/*,.heic,.heif,application/pdf,.pdf"
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
          <div className="flex flex-wrap items-center gap-3" data-testid="decode-progress">
            <progress max={status.budgetMs} value={Math.min(status.elapsedMs, status.budgetMs)} className="h-2 w-40" aria-label="Reading the photo" />
            <span className="text-slate-700">{PHASE_WORDS[status.phase]}</span>
            <span className="text-xs text-slate-500">{elapsedWords(status.elapsedMs, status.budgetMs)}</span>
            <Button variant="ghost" onClick={() => abort.current?.abort()} aria-keyshortcuts="Escape">
              Cancel <kbd className="rounded border border-slate-300 px-1 text-[10px] text-slate-500">Esc</kbd>
            </Button>
          </div>
        ) : status.kind === "found" ? (
          <p className="text-emerald-800">
            QR code read in {status.ms} ms{status.engine === "zxing" ? " (by the second reader)" : ""}.
            {status.checking ? <span className="ml-2 text-slate-600">{PHASE_WORDS.others}</span> : null}
          </p>
        ) : status.kind === "failed" ? (
          <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
            <p className="font-medium">{status.message}</p>
            {status.assist && photo?.id != null ? (
              <p className="mt-1">
                You can help the reader: draw a box around the code on the photo below and/or turn it, then choose <strong>Read the box</strong>.
              </p>
            ) : null}
            <p className="mt-1">Or ask the customer for a better photo. A reply you can send:</p>
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

      {status.kind === "choose" ? (
        <ChallengePicker
          candidates={status.candidates}
          chosen={status.chosen}
          onChoose={(c) => {
            setText(c.text);
            setStatus({ ...status, chosen: c.text });
          }}
        />
      ) : null}

      {photo ? (
        <QrPreview
          src={photo.url}
          width={photo.width}
          height={photo.height}
          corners={status.kind === "choose" ? null : corners}
          numbered={status.kind === "choose" ? status.candidates.map((c) => c.corners) : undefined}
          box={box}
          onBox={assistOpen ? setBox : undefined}
          onSubmitBox={readBox}
        />
      ) : null}

      {assistOpen ? (
        <div className="flex flex-col gap-2 rounded-md border border-blue-200 bg-blue-50 p-3 text-sm" role="group" aria-label="Help the reader">
          <p>
            Drag a box around the code on the photo (or focus the photo and use the arrow keys; Shift+arrows resize). Turn it if it is sideways or tilted.{" "}
            <span className="text-slate-600">
              {box ? "Box drawn" : "No box: the whole photo"}, {rotationWords(signedRotation)}.
            </span>
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" onClick={() => setQuarterTurns((q) => q - 1)} aria-label="Turn 90° anticlockwise">
              ⟲ 90°
            </Button>
            <Button variant="secondary" onClick={() => setQuarterTurns((q) => q + 1)} aria-label="Turn 90° clockwise">
              ⟳ 90°
            </Button>
            <label className="flex items-center gap-2">
              <span>Fine angle</span>
              <input
                type="range"
                min={-45}
                max={45}
                step={1}
                value={fineAngle}
                onChange={(e) => setFineAngle(Number(e.target.value))}
                aria-valuetext={`${fineAngle}°`}
              />
              <span className="w-10 text-right tabular-nums">{fineAngle}°</span>
            </label>
            {box ? (
              <Button variant="ghost" onClick={() => setBox(null)}>
                Clear box
              </Button>
            ) : null}
            <Button onClick={readBox}>{box ? "Read the box" : "Read again"}</Button>
          </div>
        </div>
      ) : null}

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
