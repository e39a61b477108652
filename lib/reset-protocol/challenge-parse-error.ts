// The one error the parser throws. Messages name the field and say what is wrong, but never
// repeat a value: values end up in logs, and a pasted text may hold anything.
import type { Rp1UrlFieldName } from "./types";
import { RP1_FIELD_LABELS } from "./types";

export type ChallengeParseReason =
  /** Structural: empty input, not a string, or a URL whose path is not /rp1. */
  | "not-rp1"
  /** Structural: longer than any challenge could be. */
  | "too-long"
  /** Structural: a part of the query without "=". */
  | "malformed"
  /** A name that is not an RP1 field. */
  | "unknown"
  /** A field that appears more than once. */
  | "repeated"
  /** A required field that is absent. */
  | "missing"
  /** A field present with an empty value. */
  | "empty"
  /** A value outside its format (including any percent-encoding). */
  | "format";

export interface ChallengeParseErrorInit {
  readonly reason: ChallengeParseReason;
  /** The field at fault, or null for structural problems and unknown names. */
  readonly field: Rp1UrlFieldName | null;
  readonly message: string;
  /** For reason "unknown": the unknown name, when it is short and printable; otherwise null. */
  readonly unknownField?: string | null;
}

export class ChallengeParseError extends Error {
  override readonly name = "ChallengeParseError";
  readonly reason: ChallengeParseReason;
  readonly field: Rp1UrlFieldName | null;
  readonly unknownField: string | null;

  constructor(init: ChallengeParseErrorInit) {
    super(init.message);
    this.reason = init.reason;
    this.field = init.field;
    this.unknownField = init.unknownField ?? null;
  }

  /** Error for a named field, with a message that names it by letter and in words. */
  static forField(field: Rp1UrlFieldName, reason: ChallengeParseReason, problem: string): ChallengeParseError {
    const message = `The "${field}" field (${RP1_FIELD_LABELS[field]}) ${problem}`;
    return new ChallengeParseError({ reason, field, message });
  }
}
