import { readFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inflateExactly, PDF_NO_PHOTO_MESSAGE, readPdfFirstPage, undoPngPredictor } from "./pdf-first-page";
import { addNoise, blankImage, drawQr, RP1_URL } from "./test-images";
import { pdfMarkedEncrypted, pdfWithJpeg, pdfWithPhotoOnPageTwo, pdfWithPng, pdfWithRawImage, pdfWithVectorQr, pngFilterRows } from "./test-pdfs";
import type { RgbaImage } from "./types";

const photoJpeg = new Uint8Array(readFileSync("e2e/fixtures/qr/photo-moire.jpg"));

/** A noisy photo-like image (every predictor gives different bytes) with the challenge in it. */
function photo(width = 240, height = 180) {
  const img = blankImage(width, height, [180, 190, 200]);
  drawQr(img, RP1_URL, { x: 24, y: 24, module: 1.5 });
  addNoise(img, 30, 11);
  return img;
}
const gray = (img: RgbaImage) => {
  const out = blankImage(img.width, img.height);
  for (let p = 0; p < img.width * img.height; p++) out.data.fill(img.data[p * 4]!, p * 4, p * 4 + 3);
  return out;
};
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );

describe("readPdfFirstPage: the photo on a PDF's first page", () => {
  it("hands back the embedded JPEG's own bytes (DCTDecode), untouched", async () => {
    const r = await readPdfFirstPage(await pdfWithJpeg(photoJpeg));
    expect(r.kind).toBe("jpeg");
    if (r.kind !== "jpeg") return;
    expect(Buffer.from(r.bytes).equals(Buffer.from(photoJpeg))).toBe(true);
    expect([r.width, r.height]).toEqual([671, 503]);
  });

  it("takes the largest image of the page", async () => {
    const small = new Uint8Array(
      await sharp({ create: { width: 64, height: 32, channels: 3, background: "#345" } })
        .jpeg()
        .toBuffer(),
    );
    const r = await readPdfFirstPage(await pdfWithJpeg(photoJpeg, { smallerToo: small }));
    expect(r.kind === "jpeg" && r.width).toBe(671);
  });

  it("reads raw RGB samples (a PNG as pdf-lib embeds it: FlateDecode, no predictor) pixel for pixel", async () => {
    const img = photo();
    const png = new Uint8Array(
      await sharp(Buffer.from(img.data.buffer), { raw: { width: img.width, height: img.height, channels: 4 } })
        .png()
        .toBuffer(),
    );
    const r = await readPdfFirstPage(await pdfWithPng(png));
    expect(r.kind === "pixels" && Buffer.from(r.image.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it("undoes PNG predictors (rows filtered None, Sub, Up, Average and Paeth), RGB and grey, ICCBased too", async () => {
    const img = photo();
    for (const opts of [
      { predictor: true },
      { predictor: true, gray: true },
      { predictor: true, iccBased: true },
      { predictor: true, gray: true, iccBased: true },
    ]) {
      const r = await readPdfFirstPage(await pdfWithRawImage(img, opts));
      const want = opts.gray ? gray(img) : img;
      expect(r.kind === "pixels" && Buffer.from(r.image.data).equals(Buffer.from(want.data)), JSON.stringify(opts)).toBe(true);
    }
  });

  it("finds the image inside a form XObject (a page placed on another page)", async () => {
    const img = photo();
    const r = await readPdfFirstPage(await pdfWithRawImage(img, { inForm: true }));
    expect(r.kind === "pixels" && Buffer.from(r.image.data).equals(Buffer.from(img.data))).toBe(true);
  });

  it("says a first page without a photo has none: a vector-drawn code, or the photo on page 2", async () => {
    for (const pdf of [await pdfWithVectorQr(RP1_URL), await pdfWithPhotoOnPageTwo(photoJpeg)]) {
      expect(await rejection(readPdfFirstPage(pdf))).toMatchObject({ code: "no-photo", message: PDF_NO_PHOTO_MESSAGE });
    }
    expect(PDF_NO_PHOTO_MESSAGE).toBe("This PDF has no photo on its first page. Ask the customer for a photo or a screenshot of the QR code.");
  });

  it("refuses encrypted and damaged PDFs with a sentence", async () => {
    expect(await rejection(readPdfFirstPage(await pdfMarkedEncrypted(photoJpeg)))).toMatchObject({
      code: "encrypted",
      message: expect.stringMatching(/password-protected/),
    });
    const whole = await pdfWithJpeg(photoJpeg);
    for (const damaged of [new TextEncoder().encode("%PDF-1.7\n..."), whole.subarray(0, whole.length / 3), whole.subarray(0, 2000)]) {
      expect(await rejection(readPdfFirstPage(damaged))).toMatchObject({ code: "damaged", message: expect.stringMatching(/incomplete or damaged/) });
    }
    // A good PDF whose image stream is not zlib data.
    const r = await rejection(readPdfFirstPage(await pdfWithRawImage(photo(), { contents: new Uint8Array(500).fill(7) })));
    expect(r).toMatchObject({ code: "damaged" });
  });

  it("refuses what it does not decode, naming it: JPEG 2000, fax scans, CMYK, 16-bit, TIFF predictor", async () => {
    const img = photo(40, 30);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ Filter: "JPXDecode" }, /JPEG 2000/],
      [{ Filter: "CCITTFaxDecode", BitsPerComponent: 1 }, /fax scan/],
      [{ ColorSpace: "DeviceCMYK" }, /colour space/],
      [{ BitsPerComponent: 16 }, /8 bits/],
      [{ DecodeParms: { Predictor: 2, Colors: 3, Columns: 40 } }, /TIFF predictor/],
    ];
    for (const [dict, message] of cases) {
      expect(await rejection(readPdfFirstPage(await pdfWithRawImage(img, { dict }))), JSON.stringify(dict)).toMatchObject({ code: "unsupported", message });
    }
  });

  it("refuses a file over the size limit, and an image over the pixel limit before inflating it", async () => {
    const pdf = await pdfWithJpeg(photoJpeg);
    expect(await rejection(readPdfFirstPage(pdf, { maxBytes: 10_000 }))).toMatchObject({ code: "too-large", message: expect.stringMatching(/larger than/) });
    // The dictionary claims 30000 × 30000; its stream is garbage that would fail to inflate: the size decides first.
    const bomb = await pdfWithRawImage(photo(), { dict: { Width: 30_000, Height: 30_000 }, contents: new Uint8Array(100) });
    expect(await rejection(readPdfFirstPage(bomb))).toMatchObject({ code: "too-large", message: expect.stringMatching(/50 megapixels/) });
    expect(await rejection(readPdfFirstPage(await pdfWithRawImage(photo()), { maxPixels: 10_000 }))).toMatchObject({ code: "too-large" });
  });

  it("refuses an object stream that would inflate past the cap before pdf-lib inflates it (all at once)", async () => {
    const pdf = await pdfWithJpeg(photoJpeg);
    // 64 MB of spaces in ~64 kB: pdf-lib would parse it as an object stream, inflating it whole.
    const zeros = deflateSync(Buffer.alloc(64 * 1024 * 1024, 0x20));
    const head = `\n999 0 obj\n<< /Type /ObjStm /N 1 /First 8 /Filter /FlateDecode /Length ${zeros.length} >>\nstream\n`;
    const bomb = Buffer.concat([pdf, Buffer.from(head, "latin1"), zeros, Buffer.from("\nendstream\nendobj\n", "latin1")]);
    expect(await rejection(readPdfFirstPage(new Uint8Array(bomb)))).toMatchObject({
      code: "too-large",
      message: expect.stringMatching(/far more than a scanned page/),
    });
    // The streams a normal PDF has (pdf-lib writes its objects into object streams) pass.
    expect((await readPdfFirstPage(pdf)).kind).toBe("jpeg");
  });

  it("refuses an object stream the guard could not measure as pdf-lib reads it: chained or other filters, escaped names, comments, an indirect /Type", async () => {
    const pdf = await pdfWithJpeg(photoJpeg);
    const zeros = deflateSync(deflateSync(Buffer.alloc(16 * 1024 * 1024, 0x20)));
    const disguised = [
      "/Type /ObjStm /N 1 /First 8 /Filter [/FlateDecode /FlateDecode]",
      "/Type /Obj#53tm /N 1 /First 8 /Filter /FlateDecode",
      "/Type %x\n/ObjStm /N 1 /First 8 /Filter /FlateDecode",
      "/Type /ObjStm /N 1 /First 8 /Filter /LZWDecode",
      "/Type 998 0 R /N 1 /First 8 /Filter /FlateDecode",
    ];
    for (const dict of disguised) {
      const head = `\n999 0 obj\n<< ${dict} /Length ${zeros.length} >>\nstream\n`;
      const bomb = Buffer.concat([pdf, Buffer.from(head, "latin1"), zeros, Buffer.from("\nendstream\nendobj\n998 0 obj /ObjStm endobj\n", "latin1")]);
      expect(await rejection(readPdfFirstPage(new Uint8Array(bomb))), dict).toMatchObject({
        code: "unsupported",
        message: expect.stringMatching(/built in a way/),
      });
    }
  });

  it("finds the first page of a page tree that lists one kid twice at every level (2^30 paths) at once", async () => {
    const objs = ["<< /Type /Catalog /Pages 2 0 R >>"];
    for (let d = 0; d < 30; d++) objs.push(`<< /Type /Pages /Kids [${3 + d} 0 R ${3 + d} 0 R] /Count 1 >>`);
    objs.push("<< /Type /Page /Parent 31 0 R /MediaBox [0 0 10 10] >>");
    const body = objs.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join("");
    const file = new TextEncoder().encode(`%PDF-1.7\n${body}trailer\n<< /Root 1 0 R /Size ${objs.length + 1} >>\n%%EOF\n`);
    expect(await rejection(readPdfFirstPage(file))).toMatchObject({ code: "no-photo" });
  }, 10_000);
});

describe("inflateExactly", () => {
  it("stops at the bytes asked for, however far the stream goes on, and says damaged when it ends short", async () => {
    // 64 MB of zeros deflate to ~64 kB: only the first 1000 bytes are produced.
    const bomb = new Uint8Array(deflateSync(new Uint8Array(64 * 1024 * 1024)));
    const start = performance.now();
    const out = await inflateExactly(bomb, 1000);
    expect(out.length).toBe(1000);
    expect(performance.now() - start).toBeLessThan(2000);
    const short = new Uint8Array(deflateSync(new Uint8Array(10)));
    await expect(inflateExactly(short, 11)).rejects.toMatchObject({ code: "damaged" });
    await expect(inflateExactly(bomb.subarray(0, 50), 1000)).resolves.toHaveLength(1000);
    await expect(inflateExactly(new Uint8Array([1, 2, 3]), 10)).rejects.toMatchObject({ code: "damaged" });
  });
});

describe("undoPngPredictor", () => {
  it("is the inverse of the PNG row filters, each of the five types", () => {
    const data = new Uint8Array(6 * 5 * 3).map((_, i) => (i * 37 + ((i * i) % 11)) & 0xff);
    expect([...undoPngPredictor(pngFilterRows(data, 18, 3), 18, 3, 5)]).toEqual([...data]);
    const bad = pngFilterRows(data, 18, 3);
    bad[0] = 9;
    expect(() => undoPngPredictor(bad, 18, 3, 5)).toThrow();
  });
});
