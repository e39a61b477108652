"use client";

import type { Candidate } from "@/lib/qr/decode-client";
import { ChallengeParseError, describeChallenge, parseChallengeInText } from "@/lib/reset-protocol/client";

function summary(text: string): string {
  try {
    const fields = describeChallenge(parseChallengeInText(text));
    return fields
      .filter((f) => f.field === "s" || f.field === "t")
      .map((f) => `${f.label}: ${f.value}`)
      .join(" · ");
  } catch (e) {
    return e instanceof ChallengeParseError ? `not a valid reset code (${e.reason})` : "not a valid reset code";
  }
}

/**
 * A photo with more than one distinct reset challenge: the agent picks the one on the customer's
 * recorder (ask for its serial). Native radios in a fieldset: arrow keys move, the legend is read.
 */
export function ChallengePicker({
  candidates,
  chosen,
  onChoose,
}: {
  candidates: Candidate[];
  chosen: string | null;
  onChoose: (c: Candidate, index: number) => void;
}) {
  return (
    <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <legend className="px-1 font-medium">This photo holds {candidates.length} different reset codes. Pick the one on the customer&apos;s recorder:</legend>
      <p className="mb-2 text-xs">Ask the customer for the serial number on the recorder&apos;s screen. The codes are numbered on the photo.</p>
      <div className="flex flex-col gap-1.5">
        {candidates.map((c, i) => (
          <label key={c.text} className="flex cursor-pointer items-start gap-2">
            <input type="radio" name="qr-candidate" className="mt-1" checked={chosen === c.text} onChange={() => onChoose(c, i)} />
            <span>
              <span className="font-medium">Code {i + 1}</span> — <span className="font-mono text-[13px]">{summary(c.text)}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
