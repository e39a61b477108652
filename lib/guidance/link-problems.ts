import type { ChallengeParseReason } from "@/lib/reset-protocol/client";

// What an agent is told when a pasted link cannot be used, in plain words (no field letters,
// no protocol terms), and a reply to send the customer. The parser's own messages name fields
// for the firmware team; these are for a support call. Browser-safe: the intake shows them as
// the agent pastes.

export type LinkProblem = { message: string; reply: string };

const COPY_AGAIN =
  "Thank you. The link you sent us could not be used: part of it seems to be missing or changed. " +
  "Please open the recorder's \"Forgot Password\" screen, scan the QR code with your phone's camera, " +
  "and copy the whole link it shows (press and hold, then Copy) into your reply, without retyping it. " +
  "A photo of the QR code works too.";

const NOT_OUR_LINK =
  "Thank you. The link you sent is not a password-reset link from your recorder. " +
  'Please open the recorder\'s "Forgot Password" screen and send us a photo of the QR code it shows, ' +
  "or the link your phone shows when it scans that QR code.";

const PROBLEMS: Record<ChallengeParseReason, LinkProblem> = {
  missing: { message: "The link is cut off: ask the customer to copy all of it.", reply: COPY_AGAIN },
  format: { message: "The link was changed or mistyped: ask the customer to copy it again rather than retype it.", reply: COPY_AGAIN },
  empty: { message: "The link was changed or mistyped: ask the customer to copy it again rather than retype it.", reply: COPY_AGAIN },
  repeated: { message: "The link was pasted twice into one: ask the customer to send it once more on its own.", reply: COPY_AGAIN },
  malformed: { message: "The link was changed or mistyped: ask the customer to copy it again rather than retype it.", reply: COPY_AGAIN },
  unknown: { message: "The link has extra parts our recorders never make: ask the customer to copy it again from the phone.", reply: COPY_AGAIN },
  "not-rp1": { message: "There is no password-reset link in this text: ask for the link from the recorder's QR code, or a photo of it.", reply: NOT_OUR_LINK },
  "too-long": { message: "This text is far too long to be a reset link: paste only the link.", reply: COPY_AGAIN },
};

/** The plain-language problem with a pasted link, for a parse refusal's reason. */
export function explainLinkProblem(reason: ChallengeParseReason): LinkProblem {
  return PROBLEMS[reason];
}
