import type { SimulatorNotice } from "@/lib/simulator/types";

const TONES = {
  info: "border-sky-500/40 bg-sky-950/60 text-sky-100",
  success: "border-emerald-500/40 bg-emerald-950/60 text-emerald-100",
  error: "border-amber-500/50 bg-amber-950/60 text-amber-100",
} as const;

/**
 * The recorder's last message. The live region stays mounted across screens (the window does),
 * so each new message is announced; errors interrupt, the rest wait their turn.
 */
export function RecorderNotice({ notice }: { notice: SimulatorNotice | null }) {
  return (
    <div aria-live={notice?.tone === "error" ? "assertive" : "polite"} aria-atomic="true" data-testid="recorder-message">
      {notice ? <p className={`rounded-sm border px-3 py-2 text-sm ${TONES[notice.tone]}`}>{notice.text}</p> : null}
    </div>
  );
}
