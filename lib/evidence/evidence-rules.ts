// What the console accepts as a customer's photo. No server-only imports: the ticket page's
// uploader checks the same limits before it sends anything.

/** A 12-megapixel phone photo is 3–8 MB; anything far larger is not a photo of a recorder's screen. */
export const EVIDENCE_MAX_BYTES = 12 * 1024 * 1024;
/** Photos per ticket: a better photo may follow a blurred one, but storage is not a dumping ground. */
export const EVIDENCE_PER_TICKET_MAX = 10;
/** The image types kept (and served back) as evidence. */
export const EVIDENCE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export function isEvidenceType(value: string | null | undefined): value is EvidenceType {
  return (EVIDENCE_TYPES as readonly string[]).includes(value ?? "");
}

/** The type the bytes really are (their signature), whatever the upload claimed; null if none of the allowed ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return "image/png";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
}

export const EVIDENCE_TOO_LARGE_MESSAGE = `The photo is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB. Ask the customer for a screenshot or a smaller photo.`;
export const EVIDENCE_TYPE_MESSAGE = "Only JPEG, PNG or WebP photos are kept as evidence.";

/** File name extension per type, for the download name. */
export const EVIDENCE_EXTENSION: Record<EvidenceType, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
