// The photo the agent gave the new-ticket page, held in the browser until the ticket exists:
// the create action redirects to the ticket page, whose evidence panel then uploads it (the
// ticket id is only known then). Module state survives the client-side navigation; a full reload
// drops it, and the agent can still add the photo by hand on the ticket page.

/** A photo older than this is not the one for the ticket just opened. */
const HELD_MS = 10 * 60 * 1000;

let held: { file: File; at: number } | null = null;

/** Called by the intake when the agent picks, drops or pastes a photo (the latest one wins). */
export function holdEvidencePhoto(file: File): void {
  held = { file, at: Date.now() };
}

/** The held photo, once (it is given to one ticket only), or null when there is none or it is stale. */
export function takeHeldPhoto(now = Date.now()): File | null {
  const photo = held && now - held.at <= HELD_MS ? held.file : null;
  held = null;
  return photo;
}
