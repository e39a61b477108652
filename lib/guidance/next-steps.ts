import type { ReasonCode } from "@/lib/tickets/checks/types";

// What an agent does next for each reason code a check can give, and what they may tell the
// customer. The steps are the console's own words; the replies are the built-in version 0 of
// each template, which supervisors can replace (lib/guidance/reply-templates.ts). A reply never
// names a recorder's registry state: a caller holding a stolen recorder must not learn that it
// is flagged, so blocked, stolen and unregistered all read as "we need to verify ownership".
// Placeholders: {name} (the customer's name) and {ref} (the ticket reference, RT-000042).

export type Guidance = { step: string; reply: string };

const VERIFY_OWNERSHIP =
  "Hello {name},\n\nThank you for contacting us ({ref}). Before we can help with this recorder we need to verify ownership. " +
  "Please reply with a photo of the proof of purchase (invoice or receipt) showing the recorder's serial number, and the name and " +
  "email address the recorder was registered with. We will get back to you once this has been checked.";

const NEW_PHOTO =
  "Hello {name},\n\nThank you for contacting us ({ref}). The QR code we received could not be used. Please open the recorder's " +
  '"Forgot Password" screen again, and send us a new photo of the whole QR code (straight on, in focus, without glare), ' +
  "or the complete link your phone shows when it scans it.";

const CODE_ON_ITS_WAY =
  "Hello {name},\n\nThank you for contacting us ({ref}). We have sent a security code to the email address registered for this " +
  "recorder. Type it on the recorder's screen exactly as written (it is case-sensitive) within 24 hours, then set a new password " +
  "of 8–32 letters and digits. Afterwards, re-add the recorder in the phone app and sync the new password to the cameras.";

const CHECKING =
  "Hello {name},\n\nThank you for contacting us ({ref}). Your request needs one more check by a colleague before we can send the " +
  "security code. The code will go only to the email address registered for this recorder. We will be in touch shortly.";

export const GUIDANCE: Record<ReasonCode, Guidance> = {
  TAG_VALID: { step: "Nothing to do: the QR code is genuine.", reply: CODE_ON_ITS_WAY },
  TAG_INVALID: {
    step: "Ask for a new photo of the recorder's screen, or the full link. Do not retype the code by hand.",
    reply: NEW_PHOTO,
  },
  KEY_VERSION_UNKNOWN: {
    step: "Not one of our recorders, or a forged code. Ask for a new photo; if it happens again, escalate.",
    reply: NEW_PHOTO,
  },
  DEVICE_ACTIVE: { step: "Nothing to do: the recorder is registered and active.", reply: CODE_ON_ITS_WAY },
  DEVICE_NOT_REGISTERED: {
    step: "Check the serial on the photo against what the customer says. Escalate with their proof of purchase; do not promise a code.",
    reply: VERIFY_OWNERSHIP,
  },
  DEVICE_BLOCKED: {
    step: "Do not explain the block to the caller. Escalate to a supervisor and ask for proof of ownership.",
    reply: VERIFY_OWNERSHIP,
  },
  DEVICE_STOLEN: {
    step: "Do not mention the recorder's status or act differently on the call. Escalate to a supervisor; ask only for proof of ownership.",
    reply: VERIFY_OWNERSHIP,
  },
  OWNER_EMAIL_MATCHES: { step: "Nothing to do: the code goes to the owner of record.", reply: CODE_ON_ITS_WAY },
  NO_OWNER: {
    step: "There is nobody to send the code to. Escalate so an admin can register the owner after checking proof of purchase.",
    reply: VERIFY_OWNERSHIP,
  },
  EMAIL_MISMATCH: {
    step: "Wait for a supervisor's review: the recorder's reserved email differs from the registry. Add a note with what the customer told you.",
    reply: CHECKING,
  },
  REQUESTER_IS_OWNER: { step: "Nothing to do: the customer writes from the owner's address.", reply: CODE_ON_ITS_WAY },
  REQUESTER_EMAIL_DIFFERS: {
    step: "Tell the customer the code goes only to the registered address. Add a note to the reviewer on how you checked who they are.",
    reply:
      "Hello {name},\n\nThank you for contacting us ({ref}). For your security, the code can only be sent to the email address " +
      "registered for this recorder, not to the address you wrote from. A colleague will check the request and send it there.",
  },
  CHALLENGE_FRESH: { step: "Nothing to do: the QR code is recent.", reply: CODE_ON_ITS_WAY },
  CHALLENGE_EXPIRED: {
    step: "Ask for a new photo: the QR code is too old. Closing and reopening Forgot Password on the recorder makes a new one.",
    reply:
      "Hello {name},\n\nThank you for contacting us ({ref}). The QR code you sent has expired. Please open the recorder's " +
      '"Forgot Password" screen again and send us a new photo of the QR code it shows now.',
  },
  CLOCK_OK: { step: "Nothing to do: the recorder's clock is plausible.", reply: CODE_ON_ITS_WAY },
  CLOCK_AHEAD: {
    step: "The recorder's clock runs ahead, so the code may not be accepted. Ask the customer to check the date and time on the recorder, then send a new photo.",
    reply:
      "Hello {name},\n\nThank you for contacting us ({ref}). The recorder's date and time seem to be set wrong, so a code would " +
      'not work yet. Please correct the date and time in the recorder\'s settings if you can, open "Forgot Password" again and send us a new photo.',
  },
  CLOCK_BEHIND: {
    step: "The recorder's clock is far behind. Wait for the supervisor's review; ask whether the recorder was off or reset recently.",
    reply: CHECKING,
  },
  CHALLENGE_UNIQUE: { step: "Nothing to do: first ticket for this QR code.", reply: CODE_ON_ITS_WAY },
  CHALLENGE_REUSED: {
    step: "Another ticket already holds this QR code: open the linked ticket, and continue there or resolve one as a duplicate.",
    reply:
      "Hello {name},\n\nThank you for contacting us ({ref}). We already have a request for this recorder in progress and will " +
      "continue with it. If you did not receive a code yet, please check your spam folder for an email from us.",
  },
  VELOCITY_OK: { step: "Nothing to do: within the usual number of resets.", reply: CODE_ON_ITS_WAY },
  VELOCITY_DEVICE: {
    step: "This recorder had several resets recently. Wait for the supervisor; ask the customer why the password keeps being lost.",
    reply: CHECKING,
  },
  VELOCITY_REQUESTER: {
    step: "This customer asked for several resets today. Wait for the supervisor; note how many recorders they manage.",
    reply: CHECKING,
  },
  VELOCITY_AGENT: {
    step: "You sent many codes in the last hour: a supervisor reviews this one. Nothing is wrong with the customer's request.",
    reply: CHECKING,
  },
};

/** The reply with its placeholders filled in, as the agent pastes it. */
export function fillReply(template: string, values: { name: string; ref: string }): string {
  return template.replaceAll("{name}", values.name).replaceAll("{ref}", values.ref);
}
