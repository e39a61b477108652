/**
 * The photo on a PDF's first page, without rendering the PDF: customers send scans and
 * "photo → PDF" files of the recorder's QR code, which are one raster image on a page.
 *
 * `pdf-lib` (MIT, pure JavaScript, loaded on the first PDF only) parses the file; of the image
 * XObjects in page 1's resources (and in its form XObjects, one level deep) the largest is taken:
 *   DCTDecode          → its bytes are a JPEG: the caller opens them as any JPEG;
 *   FlateDecode / none → 8-bit DeviceGray, DeviceRGB or ICCBased (N 1 or 3) samples, PNG
 *                        predictors (10–15) undone, → RGBA here;
 *   anything else      → refused with a sentence (JPEG 2000, fax and JBIG2 scans, CMYK, palettes…).
 * A page drawn with vectors or text only has no photo and is refused with a sentence too.
 *
 * Bomb guards: the file's size (`PDF_MAX_BYTES`); the object and xref streams pdf-lib inflates
 * itself, measured first with a cap (`checkIndexStreams`); width × height from the image's
 * dictionary before anything is inflated, and inflation stops at exactly the bytes that size needs.
 * Inflation is the platform's `DecompressionStream` (browsers, workers and Node ≥ 18 alike).
 * Not handled (first page only, by design): the page's /Rotate, the image's placement matrix,
 * soft masks (/SMask: the colour samples are read as if opaque) and /Decode arrays.
 *
 * Browser, worker and Node safe; nothing here logs the file or its contents.
 */
import type * as PdfLib from "pdf-lib";
import type { RgbaImage } from "./types";

/** The same bound as a kept evidence photo (`EVIDENCE_MAX_BYTES`): a one-page scan is far smaller. */
export const PDF_MAX_BYTES = 12 * 1024 * 1024;
/** Default pixel limit of the image taken (the server's `DEFAULT_MAX_PIXELS`). */
export const PDF_MAX_PIXELS = 50_000_000;

export type PdfFirstPage =
  /** The image's own JPEG bytes (DCTDecode), width and height from its dictionary. */
  { kind: "jpeg"; bytes: Uint8Array; width: number; height: number } | { kind: "pixels"; image: RgbaImage };

export type PdfReadErrorCode = "no-photo" | "unsupported" | "encrypted" | "damaged" | "too-large";

export class PdfReadError extends Error {
  constructor(
    readonly code: PdfReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "PdfReadError";
  }
}

const ASK = "Ask the customer for a photo or a screenshot of the QR code.";
export const PDF_NO_PHOTO_MESSAGE = `This PDF has no photo on its first page. ${ASK}`;
const ENCRYPTED = `This PDF is password-protected or encrypted, so the console cannot read it. ${ASK}`;
const DAMAGED = `The PDF could not be read: the file may be incomplete or damaged. Ask the customer to send it again, or to send a photo or a screenshot of the QR code.`;
const unsupported = (how: string) => new PdfReadError("unsupported", `The photo in this PDF is stored ${how}, which the console does not read. ${ASK}`);

export interface PdfReadOptions {
  /** Largest width × height of the image taken (default `PDF_MAX_PIXELS`). */
  maxPixels?: number;
  /** Largest file accepted (default `PDF_MAX_BYTES`). */
  maxBytes?: number;
}

let pdfLibModule: Promise<typeof PdfLib> | undefined;
/** pdf-lib on first use (its own chunk in the browser; a failed load is tried again next time). */
export function loadPdfLib(): Promise<typeof PdfLib> {
  pdfLibModule ??= import("pdf-lib");
  pdfLibModule.catch(() => {
    pdfLibModule = undefined;
  });
  return pdfLibModule;
}

/** Throws `PdfReadError` "too-large" for a file of more than `maxBytes` (callers check a Blob's size before reading it). */
export function checkPdfSize(size: number, maxBytes = PDF_MAX_BYTES): void {
  if (size > maxBytes) throw new PdfReadError("too-large", `This PDF is larger than ${Math.round(maxBytes / 1024 / 1024)} MB. ${ASK}`);
}

/** The largest raster image drawn on the first page. Throws `PdfReadError` (with words for the agent). */
export async function readPdfFirstPage(bytes: Uint8Array, opts: PdfReadOptions = {}): Promise<PdfFirstPage> {
  const maxPixels = opts.maxPixels ?? PDF_MAX_PIXELS;
  checkPdfSize(bytes.byteLength, opts.maxBytes);
  const lib = await loadPdfLib();
  await checkIndexStreams(bytes);
  const image = await firstPageImage(lib, bytes);
  if (!image) throw new PdfReadError("no-photo", PDF_NO_PHOTO_MESSAGE);
  return decodeImage(lib, image, maxPixels);
}

interface Candidate {
  stream: PdfLib.PDFRawStream;
  width: number;
  height: number;
}

async function firstPageImage(lib: typeof PdfLib, bytes: Uint8Array): Promise<Candidate | null> {
  const { PDFBool, PDFDocument, PDFDict, PDFName, PDFNumber, PDFRawStream } = lib;
  let doc: PdfLib.PDFDocument;
  try {
    // pdf-lib warns on the console about objects it skips: nothing of a customer's file is logged.
    // Encryption is checked below (pdf-lib's own EncryptedPDFError is not an `instanceof` target).
    doc = await quietly(() => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: Infinity, ignoreEncryption: true }));
  } catch {
    throw new PdfReadError("damaged", DAMAGED);
  }
  if (doc.isEncrypted) throw new PdfReadError("encrypted", ENCRYPTED);
  const name = (s: string) => PDFName.of(s);
  const num = (d: PdfLib.PDFDict, key: string) => {
    const v = d.lookup(name(key));
    return v instanceof PDFNumber ? v.asNumber() : NaN;
  };
  const found: Candidate[] = [];
  /** Image XObjects of a resource dictionary; form XObjects' own resources `depth` levels down. */
  const collect = (resources: unknown, depth: number) => {
    if (!(resources instanceof PDFDict)) return;
    const xobjects = resources.lookup(name("XObject"));
    if (!(xobjects instanceof PDFDict)) return;
    for (const key of xobjects.keys()) {
      const x = xobjects.lookup(key);
      if (!(x instanceof PDFRawStream)) continue;
      const subtype = x.dict.lookup(name("Subtype"));
      if (subtype === name("Image")) {
        // A stencil mask (/ImageMask true) is a 1-bit shape painted in the fill colour, not a photo.
        const mask = x.dict.lookup(name("ImageMask"));
        if (mask instanceof PDFBool && mask.asBoolean()) continue;
        found.push({ stream: x, width: num(x.dict, "Width"), height: num(x.dict, "Height") });
      } else if (subtype === name("Form") && depth > 0) {
        collect(x.dict.lookup(name("Resources")), depth - 1);
      }
    }
  };
  try {
    const page = firstPageNode(lib, doc);
    if (!page) throw new PdfReadError("damaged", DAMAGED);
    collect(inherited(lib, page, "Resources"), 1);
  } catch (e) {
    if (e instanceof PdfReadError) throw e;
    throw new PdfReadError("damaged", DAMAGED);
  }
  const area = (c: Candidate) => (c.width > 0 && c.height > 0 ? c.width * c.height : 0);
  return found.reduce<Candidate | null>((best, c) => (area(c) > (best ? area(best) : 0) ? c : best), null);
}

/** Deeper page trees are refused: a real one is a few levels deep. */
const MAX_PAGE_TREE_DEPTH = 32;

/**
 * The first page, by following the first kid from /Root /Pages down, at most
 * `MAX_PAGE_TREE_DEPTH` levels and never through a node twice. pdf-lib's own `getPage(0)` walks
 * the whole tree first, and a crafted tree that lists one kid twice at every level is 2^depth
 * visits (seconds at depth 20, hours at 30) for a file of a kilobyte.
 */
function firstPageNode(lib: typeof PdfLib, doc: PdfLib.PDFDocument): PdfLib.PDFDict | null {
  const { PDFArray, PDFDict, PDFName } = lib;
  const seen = new Set<unknown>();
  let node: unknown = doc.catalog.lookup(PDFName.of("Pages"));
  for (let depth = 0; depth < MAX_PAGE_TREE_DEPTH && node instanceof PDFDict && !seen.has(node); depth++) {
    seen.add(node);
    const kids = node.lookup(PDFName.of("Kids"));
    if (node.lookup(PDFName.of("Type")) === PDFName.of("Page") || !(kids instanceof PDFArray)) return node;
    if (kids.size() === 0) return null;
    node = kids.lookup(0);
  }
  return null;
}

/** An inheritable page attribute (/Resources): the page's own, else its parents', bounded as above. */
function inherited(lib: typeof PdfLib, page: PdfLib.PDFDict, key: string): unknown {
  const { PDFDict, PDFName } = lib;
  const seen = new Set<unknown>();
  let node: unknown = page;
  for (let depth = 0; depth < MAX_PAGE_TREE_DEPTH && node instanceof PDFDict && !seen.has(node); depth++) {
    seen.add(node);
    const value = node.lookup(PDFName.of(key));
    if (value !== undefined) return value;
    node = node.lookup(PDFName.of("Parent"));
  }
  return undefined;
}

/** pdf-lib's parse with its console warnings muted (it does not yield at `parseSpeed: Infinity`). */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    return await run();
  } finally {
    console.warn = warn;
  }
}

async function decodeImage(lib: typeof PdfLib, { stream, width, height }: Candidate, maxPixels: number): Promise<PdfFirstPage> {
  const { PDFArray, PDFDict, PDFName, PDFNumber } = lib;
  const name = (s: string) => PDFName.of(s);
  const dict = stream.dict;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw new PdfReadError("damaged", DAMAGED);
  if (width * height > maxPixels) throw new PdfReadError("too-large", `The photo in this PDF is larger than ${Math.round(maxPixels / 1e6)} megapixels. ${ASK}`);

  // One filter (a name, or an array of one); DecodeParms likewise.
  let filter = dict.lookup(name("Filter"));
  let parms = dict.lookup(name("DecodeParms"));
  if (filter instanceof PDFArray) {
    if (filter.size() > 1) throw unsupported("with several filters");
    filter = filter.size() ? filter.lookup(0) : undefined;
    parms = parms instanceof PDFArray && parms.size() ? parms.lookup(0) : undefined;
  }
  const filterName = filter instanceof PDFName ? filter.decodeText() : filter === undefined ? "" : "?";
  if (filterName === "DCTDecode") {
    const jpeg = stream.contents;
    if (!(jpeg.length > 3 && jpeg[0] === 0xff && jpeg[1] === 0xd8 && jpeg[2] === 0xff)) throw new PdfReadError("damaged", DAMAGED);
    return { kind: "jpeg", bytes: jpeg, width, height };
  }
  if (filterName === "JPXDecode") throw unsupported("as JPEG 2000");
  if (filterName === "CCITTFaxDecode" || filterName === "JBIG2Decode") throw unsupported("as a black-and-white fax scan (CCITT or JBIG2)");
  if (filterName !== "FlateDecode" && filterName !== "") throw unsupported(`with ${filterName === "?" ? "an unknown" : filterName} compression`);

  const bits = dict.lookup(name("BitsPerComponent"));
  if (!(bits instanceof PDFNumber) || bits.asNumber() !== 8) throw unsupported("with other than 8 bits per colour");
  const colors = components(lib, dict.lookup(name("ColorSpace")));
  if (!colors) throw unsupported("in a colour space other than grey or RGB");

  let predictor = 1;
  if (parms instanceof PDFDict) {
    const n = (key: string, fallback: number) => {
      const v = parms.lookup(name(key));
      return v instanceof PDFNumber ? v.asNumber() : fallback;
    };
    predictor = n("Predictor", 1);
    const consistent = n("Colors", 1) === colors && n("BitsPerComponent", 8) === 8 && n("Columns", 1) === width;
    if (predictor >= 10 && !consistent) throw new PdfReadError("damaged", DAMAGED);
  }
  if (predictor !== 1 && !(predictor >= 10 && predictor <= 15)) throw unsupported("with a TIFF predictor");

  const rowBytes = width * colors;
  const rawRow = predictor >= 10 ? rowBytes + 1 : rowBytes;
  const want = rawRow * height;
  let raw: Uint8Array;
  if (filterName === "") {
    if (stream.contents.length < want) throw new PdfReadError("damaged", DAMAGED);
    raw = stream.contents;
  } else {
    raw = await inflateExactly(stream.contents, want);
  }
  const samples = predictor >= 10 ? undoPngPredictor(raw, rowBytes, colors, height) : raw;
  return { kind: "pixels", image: toRgba(samples, width, height, colors) };
}

/** Colour components of DeviceGray, DeviceRGB or ICCBased with N 1 or 3 (its alternate ignored); else null. */
function components(lib: typeof PdfLib, cs: unknown): 1 | 3 | null {
  const { PDFArray, PDFName, PDFNumber, PDFRawStream } = lib;
  if (cs === PDFName.of("DeviceGray")) return 1;
  if (cs === PDFName.of("DeviceRGB")) return 3;
  if (cs instanceof PDFArray && cs.size() === 2 && cs.lookup(0) === PDFName.of("ICCBased")) {
    const profile = cs.lookup(1);
    const n = profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of("N")) : undefined;
    const count = n instanceof PDFNumber ? n.asNumber() : 0;
    return count === 1 || count === 3 ? count : null;
  }
  return null;
}

/**
 * Exactly `want` bytes of a zlib (FlateDecode) stream, read chunk by chunk and stopped there:
 * whatever the stream would inflate to beyond that is never produced (decompression bombs).
 */
export async function inflateExactly(data: Uint8Array, want: number): Promise<Uint8Array> {
  const out = new Uint8Array(want);
  if ((await inflateUpTo(data, want, out)) < want) throw new PdfReadError("damaged", DAMAGED);
  return out;
}

/** Inflates at most `limit` bytes (into `out` when given); how many there were. A corrupt stream ends early. */
async function inflateUpTo(data: Uint8Array, limit: number, out?: Uint8Array): Promise<number> {
  let got = 0;
  const reader = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate")).getReader();
  try {
    while (got < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const n = Math.min(value.length, limit - got);
      out?.set(value.subarray(0, n), got);
      got += n;
    }
  } catch {
    // A corrupt or truncated stream: what came before counts.
  } finally {
    reader.cancel().catch(() => {});
  }
  return got;
}

/** What pdf-lib may inflate on its own while parsing: a one-page scan's object and xref streams hold a few kB. */
export const PDF_INDEX_STREAMS_MAX_BYTES = 8 * 1024 * 1024;

/** More object and xref streams than this are refused: a one-page scan has a handful. */
const MAX_INDEX_STREAMS = 256;
/** A stream's dictionary ends within this many bytes of its /Type. */
const MAX_DICT_TAIL = 4096;

const tooMuch = () => new PdfReadError("too-large", `This PDF holds far more than a scanned page does. ${ASK}`);
const oddStructure = () => new PdfReadError("unsupported", `This PDF is built in a way the console does not read. ${ASK}`);

/**
 * pdf-lib inflates object streams (/Type /ObjStm) and xref streams (/Type /XRef) while it parses,
 * all at once and without a limit: their inflated size is measured here first, capped, so that a
 * small file cannot make it produce gigabytes. A guard, not a parser, so it refuses what it cannot
 * measure the way pdf-lib would read it:
 * - every /Type /ObjStm or /XRef pdf-lib could see (names with #xx escapes, comments in between)
 *   must be one written plainly, or the file is refused; so is an indirect /Type;
 * - its filter must be none or one /FlateDecode (LZW, RunLength, ASCII85 or a chain of filters
 *   are refused); its data is what a direct /Length says, else up to `endstream`, as pdf-lib reads it.
 */
async function checkIndexStreams(bytes: Uint8Array): Promise<void> {
  const text = new TextDecoder("latin1").decode(bytes); // one character per byte: indices are offsets
  const TYPE = /\/Type\s*\/(?:ObjStm|XRef)\b/g;
  // What pdf-lib could read as such a /Type, however it is spelt.
  const spelt = text.replace(/%[^\r\n]*/g, " ").replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  if (/\/Type\s+\d+\s+\d+\s+R\b/.test(spelt)) throw oddStructure();
  const anywhere = [...spelt.matchAll(TYPE)].length;
  if (anywhere > MAX_INDEX_STREAMS) throw tooMuch();
  let plain = 0;
  let total = 0;
  TYPE.lastIndex = 0;
  for (let m = TYPE.exec(text); m; m = TYPE.exec(text)) {
    plain++;
    const dictStart = text.lastIndexOf("obj", m.index);
    const keyword = text.indexOf("stream", m.index);
    if (dictStart < 0 || keyword < 0 || keyword - m.index > MAX_DICT_TAIL) throw oddStructure();
    const dict = text.slice(dictStart, keyword);
    if (/[#%]/.test(dict)) throw oddStructure();
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict)?.[1];
    if (filter !== undefined && !/^(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])$/.test(filter)) throw oddStructure();
    let from = keyword + "stream".length;
    if (text[from] === "\r") from++;
    if (text[from] === "\n") from++;
    const length = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
    const found = text.indexOf("endstream", from);
    const end = length ? Math.min(bytes.length, from + Number(length[1])) : found < 0 ? bytes.length : found;
    const data = bytes.subarray(from, end);
    total += filter === undefined ? data.length : await inflateUpTo(data, PDF_INDEX_STREAMS_MAX_BYTES - total + 1);
    if (total > PDF_INDEX_STREAMS_MAX_BYTES) throw tooMuch();
    TYPE.lastIndex = Math.max(TYPE.lastIndex, end);
  }
  if (plain !== anywhere) throw oddStructure();
}

/** PNG row filters (None, Sub, Up, Average, Paeth; each row names its own), 8-bit samples. */
export function undoPngPredictor(raw: Uint8Array, rowBytes: number, bpp: number, height: number): Uint8Array {
  const out = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const type = raw[y * (rowBytes + 1)]!;
    const src = y * (rowBytes + 1) + 1;
    const row = y * rowBytes;
    const up = row - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? out[row + i - bpp]! : 0;
      const b = y > 0 ? out[up + i]! : 0;
      const c = y > 0 && i >= bpp ? out[up + i - bpp]! : 0;
      let pred: number;
      switch (type) {
        case 0:
          pred = 0;
          break;
        case 1:
          pred = a;
          break;
        case 2:
          pred = b;
          break;
        case 3:
          pred = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new PdfReadError("damaged", DAMAGED);
      }
      out[row + i] = (raw[src + i]! + pred) & 0xff;
    }
  }
  return out;
}

function toRgba(samples: Uint8Array, width: number, height: number, colors: 1 | 3): RgbaImage {
  const n = width * height;
  const data = new Uint8ClampedArray(n * 4);
  for (let p = 0, s = 0, d = 0; p < n; p++, s += colors, d += 4) {
    const r = samples[s]!;
    data[d] = r;
    data[d + 1] = colors === 3 ? samples[s + 1]! : r;
    data[d + 2] = colors === 3 ? samples[s + 2]! : r;
    data[d + 3] = 255;
  }
  return { data, width, height };
}
