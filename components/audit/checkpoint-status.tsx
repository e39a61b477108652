import type { uncoveredAuditEvents } from "@/lib/audit/checkpoints/make-checkpoint";
import { formatUtc } from "@/lib/time";

type Coverage = Awaited<ReturnType<typeof uncoveredAuditEvents>>;

/** How far the signed checkpoints reach, as read (the verify button checks the signatures). */
export function CheckpointStatus({ coverage }: { coverage: Coverage }) {
  const last = coverage.lastCheckpoint;
  return (
    <p className="text-sm text-slate-600" data-testid="checkpoint-status">
      {last ? (
        <>
          Last signed checkpoint #{last.number} covers events up to #{last.eventSeq} (signed {formatUtc(last.signedAt, { seconds: true })});{" "}
          <span className="tabular-nums">{coverage.uncovered}</span> {coverage.uncovered === 1 ? "event" : "events"} since, not yet covered.
        </>
      ) : (
        <>
          No signed checkpoint yet: {coverage.uncovered} {coverage.uncovered === 1 ? "event is" : "events are"} not covered by a signature.
        </>
      )}
    </p>
  );
}
