/**
 * What kind of file the customer sent, from its first bytes (a name or MIME type can lie or be
 * missing: a pasted image has neither), and the words the intake says when it cannot read one.
 * Browser, worker and Node safe.
 */

/**
 * Formats the intake opens: browser-native ones by `createImageBitmap`, HEIF by libheif in the
 * worker, PDF by the photo on its first page (`pdf-first-page.ts`).
 */
export type ImageFormat = "jpeg" | "png" | "webp" | "gif" | "avif" | "bmp" | "heif" | "pdf";
export type SniffedFormat = ImageFormat | "tiff" | "svg" | "unknown";

/** Said on every refusal of a file, so the agent can tell the customer what to send. */
export const ACCEPTED_FORMATS_TEXT = "JPEG, PNG, WebP, GIF, AVIF or HEIC (iPhone) photos and screenshots, or a PDF with the photo on its first page";

const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "mif2"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/** The ISO-BMFF `ftyp` major and compatible brands (HEIC/HEIF/AVIF), or null. */
function ftypBrands(b: Uint8Array): string[] | null {
  if (b.length < 12 || ascii(b, 4, 8) !== "ftyp") return null;
  const size = Math.min(b.length, (b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!);
  const brands = [ascii(b, 8, 12)];
  for (let i = 16; i + 4 <= size; i += 4) brands.push(ascii(b, i, i + 4));
  return brands;
}

/** The file's format from its first 64 bytes (pass at least that many when the file has them). */
export function sniffImageFormat(head: Uint8Array): SniffedFormat {
  const b = head;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "jpeg";
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === "PNG") return "png";
  if (b.length >= 6 && (ascii(b, 0, 6) === "GIF87a" || ascii(b, 0, 6) === "GIF89a")) return "gif";
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 12) === "WEBP") return "webp";
  if (b.length >= 2 && ascii(b, 0, 2) === "BM") return "bmp";
  if (b.length >= 5 && ascii(b, 0, 5) === "%PDF-") return "pdf";
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a)))
    return "tiff";
  const brands = ftypBrands(b);
  if (brands) {
    // An AVIF lists `mif1` too: the AV1 brand decides first.
    if (brands.some((x) => AVIF_BRANDS.has(x))) return "avif";
    if (brands.some((x) => HEIF_BRANDS.has(x))) return "heif";
    return "unknown";
  }
  const text = ascii(b, 0, Math.min(b.length, 64)).trimStart().toLowerCase();
  if (text.startsWith("<svg") || text.startsWith("<?xml")) return "svg";
  return "unknown";
}

/** What the agent reads when a file is not one the intake opens (never a bare "error"). */
export function unsupportedFormatMessage(format: Exclude<SniffedFormat, ImageFormat>, mimeType = ""): string {
  const accepted = `The console reads ${ACCEPTED_FORMATS_TEXT}.`;
  switch (format) {
    case "tiff":
      return `This is a TIFF image, which the console does not open. Ask the customer to send it as a JPEG or a screenshot. ${accepted}`;
    case "svg":
      return `This is a drawing (SVG), not a photo of the recorder's screen. ${accepted}`;
    default:
      return `This file${mimeType ? ` (${mimeType})` : ""} is not a photo the console can open. ${accepted}`;
  }
}
