/**
 * Test-only helpers: small PDFs built with pdf-lib the way customers' apps make them (a photo on a
 * page), and the ways they go wrong (vector-drawn code, text only, encrypted, damaged).
 * Used by the unit tests and the intake's e2e spec; not imported by the pipeline.
 */
import { deflateSync } from "node:zlib";
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  StandardFonts,
  type PDFPage,
  type SaveOptions,
} from "pdf-lib";
import QRCode from "qrcode";
import type { RgbaImage } from "./types";

const A4: [number, number] = [595, 842];

/** The PDF's bytes, as a Uint8Array a Blob takes. */
const saved = async (doc: PDFDocument, options?: SaveOptions) => new Uint8Array(await doc.save(options));

/** A page with a title line, as the "photo → PDF" apps and scanners make them. */
async function newPage(doc: PDFDocument): Promise<PDFPage> {
  const page = doc.addPage(A4);
  page.drawText("Scanned document", { x: 40, y: 800, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  return page;
}

/** A one-page PDF with this JPEG drawn on it (DCTDecode); `smallerToo`: a second, smaller image on the page. */
export async function pdfWithJpeg(jpeg: Uint8Array, opts: { smallerToo?: Uint8Array } = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const page = await newPage(doc);
  const image = await doc.embedJpg(jpeg);
  const scale = Math.min(500 / image.width, 700 / image.height);
  page.drawImage(image, { x: 40, y: 60, width: image.width * scale, height: image.height * scale });
  if (opts.smallerToo) page.drawImage(await doc.embedJpg(opts.smallerToo), { x: 40, y: 770, width: 40, height: 20 });
  return saved(doc);
}

/** A one-page PDF with this PNG drawn on it: pdf-lib stores its pixels as 8-bit RGB, FlateDecode, no predictor. */
export async function pdfWithPng(png: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const page = await newPage(doc);
  const image = await doc.embedPng(png);
  page.drawImage(image, { x: 40, y: 60, width: 500, height: (500 * image.height) / image.width });
  return saved(doc);
}

export interface RawImageOptions {
  gray?: boolean;
  /** PNG predictor rows (DecodeParms /Predictor 15), each row with its own filter type 0–4 in turn. */
  predictor?: boolean;
  /** /ColorSpace [/ICCBased <</N n>>] instead of DeviceGray/DeviceRGB. */
  iccBased?: boolean;
  /** Drawn from inside a form XObject (a page imported into another PDF). */
  inForm?: boolean;
  /** Other dictionary entries (Filter, BitsPerComponent, ColorSpace…), for refusals. */
  dict?: Record<string, unknown>;
  /** Stream contents instead of the image's deflated samples. */
  contents?: Uint8Array;
}

/** The samples of an RGBA image as 8-bit gray or RGB rows. */
function samples(img: RgbaImage, gray: boolean): Uint8Array {
  const c = gray ? 1 : 3;
  const out = new Uint8Array(img.width * img.height * c);
  for (let p = 0; p < img.width * img.height; p++) {
    if (gray) out[p] = img.data[p * 4]!;
    else out.set(img.data.subarray(p * 4, p * 4 + 3), p * 3);
  }
  return out;
}

/** PNG-filtered rows (a filter byte, then the row), filter types 0..4 in turn, as PNG encoders write them. */
export function pngFilterRows(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const height = data.length / rowBytes;
  const out = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    const type = y % 5;
    out[y * (rowBytes + 1)] = type;
    for (let i = 0; i < rowBytes; i++) {
      const x = data[y * rowBytes + i]!;
      const a = i >= bpp ? data[y * rowBytes + i - bpp]! : 0;
      const b = y > 0 ? data[(y - 1) * rowBytes + i]! : 0;
      const c = y > 0 && i >= bpp ? data[(y - 1) * rowBytes + i - bpp]! : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][type]!;
      out[y * (rowBytes + 1) + 1 + i] = (x - pred) & 0xff;
    }
  }
  return out;
}

/** A one-page PDF with an image XObject written by hand (FlateDecode samples, options above). */
export async function pdfWithRawImage(img: RgbaImage, opts: RawImageOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const page = await newPage(doc);
  const gray = !!opts.gray;
  const colors = gray ? 1 : 3;
  let data = samples(img, gray);
  if (opts.predictor) data = pngFilterRows(data, img.width * colors, colors);
  const colorSpace = opts.iccBased
    ? ["ICCBased", doc.context.register(doc.context.stream(new Uint8Array(16), { N: colors }))]
    : gray
      ? "DeviceGray"
      : "DeviceRGB";
  const dict = {
    Type: "XObject",
    Subtype: "Image",
    Width: img.width,
    Height: img.height,
    BitsPerComponent: 8,
    ColorSpace: colorSpace,
    Filter: "FlateDecode",
    ...(opts.predictor ? { DecodeParms: { Predictor: 15, Colors: colors, BitsPerComponent: 8, Columns: img.width } } : {}),
    ...opts.dict,
  };
  const ref = doc.context.register(doc.context.stream(opts.contents ?? new Uint8Array(deflateSync(data)), dict as never));
  const name = page.node.newXObject("Im", ref);
  const w = 500;
  const h = (500 * img.height) / img.width;
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(w, 0, 0, h, 40, 60), drawObject(name), popGraphicsState());
  if (!opts.inForm) return saved(doc);
  // The same page, imported into another PDF as a form XObject: the image is in the form's resources.
  const outer = await PDFDocument.create();
  const [form] = await outer.embedPdf(await doc.save());
  outer.addPage(A4).drawPage(form!);
  return saved(outer);
}

/** A QR code drawn with vector rectangles (no raster image), and text: what a PDF export of a web page gives. */
export async function pdfWithVectorQr(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const page = await newPage(doc);
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const m = 6;
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) page.drawRectangle({ x: 60 + c * m, y: 700 - r * m, width: m, height: m, color: rgb(0, 0, 0) });
  return saved(doc);
}

/** Page 1 text only; page 2 has the photo (only the first page is read). */
export async function pdfWithPhotoOnPageTwo(jpeg: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  await newPage(doc);
  const image = await doc.embedJpg(jpeg);
  doc.addPage(A4).drawImage(image, { x: 40, y: 60, width: 500, height: (500 * image.height) / image.width });
  return saved(doc);
}

/** A PDF whose trailer names an /Encrypt dictionary (pdf-lib cannot encrypt; readers must refuse it all the same). */
export async function pdfMarkedEncrypted(jpeg: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.load(await pdfWithJpeg(jpeg));
  doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: PDFName.of("Standard"), V: 2, R: 3, Length: 128, P: -4 }));
  return saved(doc, { useObjectStreams: false });
}
