/**
 * A customer's file → an upright photo for the decode worker, by what its bytes say it is:
 * JPEG, PNG, WebP, GIF (first frame), AVIF and BMP through the browser's own decoder
 * (`createImageBitmap` with the EXIF orientation applied), HEIC/HEIF through libheif (`heif.ts`,
 * loaded on the first HEIC), PDF by the photo on its first page (`pdf-first-page.ts`, pdf-lib
 * loaded on the first PDF: a JPEG goes the JPEG way, raw pixels the HEIC way). Anything else is
 * refused with a sentence that names what the console reads. Generic over the bitmap type so that
 * Node tests can run it with their own decoders.
 */
import { decodeHeif, HeifDecodeError } from "./heif";
import { sniffImageFormat, unsupportedFormatMessage, type ImageFormat } from "./image-format";
import { checkPdfSize, loadPdfLib, PdfReadError, readPdfFirstPage, type PdfFirstPage } from "./pdf-first-page";
import type { RgbaImage } from "./types";
import { PhotoLoadError, type OpenedPhoto, type PhotoSource } from "./worker-handler";

export interface OpenPhotoDeps<B> {
  heifWasm: () => Promise<ArrayBuffer>;
  /** Decoded HEIF pixels → a bitmap. */
  toBitmap: (image: RgbaImage) => Promise<B>;
  /** The browser's decoder, orientation applied. */
  nativeBitmap: (file: Blob) => Promise<B>;
  source: (bitmap: B) => PhotoSource;
  /** A JPEG preview, for formats an <img> cannot show. */
  preview: (bitmap: B) => Promise<Blob>;
}

type NativeFormat = Exclude<ImageFormat, "heif" | "pdf">;
const NATIVE: ReadonlySet<string> = new Set<NativeFormat>(["jpeg", "png", "webp", "gif", "avif", "bmp"]);
const isNative = (f: string): f is NativeFormat => NATIVE.has(f);

const damaged = (what: string) =>
  new PhotoLoadError("load-failed", `The ${what} could not be read: the file may be incomplete or damaged. Ask the customer to send it again.`);

export async function openPhotoFile<B>(file: Blob, deps: OpenPhotoDeps<B>): Promise<OpenedPhoto> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const format = sniffImageFormat(head);
  if (format === "heif") {
    let pixels: RgbaImage;
    try {
      pixels = await decodeHeif(new Uint8Array(await file.arrayBuffer()), deps.heifWasm);
    } catch (e) {
      if (e instanceof HeifDecodeError) throw damaged("HEIC photo");
      throw new PhotoLoadError("load-failed", "The HEIC reader could not be loaded. Check the connection and drop the photo again.");
    }
    const bitmap = await deps.toBitmap(pixels);
    return { source: deps.source(bitmap), format, preview: await deps.preview(bitmap) };
  }
  if (format === "pdf") return openPdf(file, deps);
  if (!isNative(format)) throw new PhotoLoadError("unsupported-format", unsupportedFormatMessage(format, file.type));
  let bitmap: B;
  try {
    bitmap = await deps.nativeBitmap(file);
  } catch {
    if (format === "avif")
      throw new PhotoLoadError("load-failed", "This browser cannot open this AVIF image. Ask the customer for a JPEG or a screenshot instead.");
    throw damaged(`${format.toUpperCase()} image`);
  }
  return { source: deps.source(bitmap), format };
}

/** The photo on the PDF's first page; the page is shown the JPEG (its own, or one made of the pixels). */
async function openPdf<B>(file: Blob, deps: OpenPhotoDeps<B>): Promise<OpenedPhoto> {
  let page: PdfFirstPage;
  try {
    checkPdfSize(file.size); // before the file is read
  } catch (e) {
    throw new PhotoLoadError("load-failed", (e as Error).message);
  }
  try {
    await loadPdfLib();
  } catch {
    throw new PhotoLoadError("load-failed", "The PDF reader could not be loaded. Check the connection and drop the file again.");
  }
  try {
    page = await readPdfFirstPage(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    if (!(e instanceof PdfReadError)) throw damaged("PDF");
    throw new PhotoLoadError(e.code === "damaged" || e.code === "too-large" ? "load-failed" : "unsupported-format", e.message);
  }
  if (page.kind === "jpeg") {
    const jpeg = new Blob([page.bytes as Uint8Array<ArrayBuffer>], { type: "image/jpeg" });
    let bitmap: B;
    try {
      bitmap = await deps.nativeBitmap(jpeg);
    } catch {
      throw damaged("photo in the PDF");
    }
    return { source: deps.source(bitmap), format: "pdf", preview: jpeg };
  }
  const bitmap = await deps.toBitmap(page.image);
  return { source: deps.source(bitmap), format: "pdf", preview: await deps.preview(bitmap) };
}
