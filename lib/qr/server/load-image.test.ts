import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blankImage, drawQr, RP1_URL } from "../test-images";
import { pdfMarkedEncrypted, pdfWithJpeg, pdfWithPng, pdfWithRawImage, pdfWithVectorQr } from "../test-pdfs";
import { runDecodeJob } from "./decode-job";
import { ImageLoadError, loadImageBuffer, sniffFormat } from "./load-image";

/** A 360×240 photo-like image with the challenge on the left half (so a wrong rotation shows). */
function source() {
  const img = blankImage(360, 240, [200, 205, 210]);
  drawQr(img, RP1_URL, { x: 30, y: 30, module: 3 });
  return sharp(Buffer.from(img.data.buffer), { raw: { width: img.width, height: img.height, channels: 4 } });
}

const heic = () => new Uint8Array(readFileSync(path.join(__dirname, "fixtures", "challenge.heic")));

describe("loadImageBuffer: every format customers send", () => {
  const encoders = {
    jpeg: (s: sharp.Sharp) => s.jpeg({ quality: 85 }),
    png: (s: sharp.Sharp) => s.png(),
    webp: (s: sharp.Sharp) => s.webp({ quality: 85 }),
    gif: (s: sharp.Sharp) => s.gif(),
    avif: (s: sharp.Sharp) => s.avif({ quality: 70 }),
    tiff: (s: sharp.Sharp) => s.tiff(),
  } as const;

  for (const [format, encode] of Object.entries(encoders)) {
    it(`reads ${format.toUpperCase()} and decodes the challenge in it`, async () => {
      const bytes = new Uint8Array(await encode(source()).toBuffer());
      expect(sniffFormat(bytes)).toBe(format);
      const r = await runDecodeJob(bytes, undefined, { timeBudgetMs: 60_000 });
      expect(r).toMatchObject({ ok: true, text: RP1_URL, format, width: 360, height: 240 });
    });
  }

  it("reads an iPhone HEIC (libheif-js) and decodes the challenge in it", async () => {
    const bytes = heic();
    expect(sniffFormat(bytes)).toBe("heif");
    const r = await runDecodeJob(bytes, "image/heic", { timeBudgetMs: 60_000 });
    expect(r).toMatchObject({ ok: true, text: RP1_URL, format: "heif", width: 640 });
  });

  it("reads the photo on a PDF's first page: a JPEG (DCTDecode) and raw pixels (a PNG, and PNG-predicted rows)", async () => {
    const jpeg = new Uint8Array(await source().jpeg({ quality: 85 }).toBuffer());
    const png = new Uint8Array(await source().png().toBuffer());
    const { data, info } = await source().raw().toBuffer({ resolveWithObject: true });
    const raw = { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
    for (const pdf of [await pdfWithJpeg(jpeg), await pdfWithPng(png), await pdfWithRawImage(raw, { predictor: true, gray: true })]) {
      expect(sniffFormat(pdf)).toBe("pdf");
      const r = await runDecodeJob(pdf, "application/pdf", { timeBudgetMs: 60_000 });
      expect(r).toMatchObject({ ok: true, text: RP1_URL, format: "pdf", width: 360, height: 240 });
    }
  });

  it("refuses a PDF without a photo on its first page, an encrypted one and a damaged one, with a sentence", async () => {
    const jpeg = new Uint8Array(await source().jpeg().toBuffer());
    const vector = await runDecodeJob(await pdfWithVectorQr(RP1_URL), "application/pdf", {});
    expect(vector).toMatchObject({ ok: false, reason: "unsupported-format", message: expect.stringMatching(/^This PDF has no photo on its first page\./) });
    const encrypted = await runDecodeJob(await pdfMarkedEncrypted(jpeg), "application/pdf", {});
    expect(encrypted).toMatchObject({ ok: false, reason: "unsupported-format", message: expect.stringMatching(/password-protected/) });
    const whole = await pdfWithJpeg(jpeg);
    const damaged = await runDecodeJob(whole.subarray(0, whole.length / 2), "application/pdf", {});
    expect(damaged).toMatchObject({ ok: false, reason: "load-failed", message: expect.stringMatching(/PDF could not be read/) });
  });

  it("applies the EXIF orientation of a phone photo", async () => {
    // Orientation 6: the camera was turned; viewers turn the stored 360×240 pixels 90° clockwise.
    const bytes = new Uint8Array(await source().jpeg().withMetadata({ orientation: 6 }).toBuffer());
    const img = await loadImageBuffer(bytes);
    expect([img.width, img.height]).toEqual([240, 360]);
    // The code was on the left of the stored image: it is now at the top.
    const r = await runDecodeJob(bytes, undefined, { timeBudgetMs: 60_000 });
    expect(r.ok && r.corners.bottomLeft.y < 180 && r.corners.topLeft.y < 180).toBe(true);
  });

  it("refuses anything else with a clear message, and changes nothing", async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new TextEncoder().encode("hello, this is not a photo"), "unsupported-format", /JPEG, PNG, WebP, GIF, AVIF or HEIC.*or a PDF/],
      [new TextEncoder().encode("%PDF-1.7\n..."), "load-failed", /PDF could not be read/],
      [new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3]), "load-failed", /JPEG.*could not be read/],
      [heic().subarray(0, 400), "load-failed", /HEIC/],
    ];
    for (const [bytes, code, message] of cases) {
      const err = await loadImageBuffer(bytes).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImageLoadError);
      expect(err).toMatchObject({ code, message: expect.stringMatching(message) });
    }
  });

  it("refuses a photo beyond the pixel limit (decompression bomb) before decoding it", async () => {
    const png = new Uint8Array(
      await sharp({ create: { width: 3000, height: 3000, channels: 3, background: "#fff" } })
        .png()
        .toBuffer(),
    );
    await expect(loadImageBuffer(png, undefined, { maxPixels: 4_000_000 })).rejects.toMatchObject({ code: "too-large" });
    await expect(loadImageBuffer(heic(), undefined, { maxPixels: 10_000 })).rejects.toMatchObject({ code: "too-large" });
    // A PDF's image: from its dictionary, before its stream is inflated (here it is not even zlib data).
    const bomb = await pdfWithRawImage(blankImage(10, 10), { dict: { Width: 3000, Height: 3000 }, contents: new Uint8Array(64) });
    await expect(loadImageBuffer(bomb, undefined, { maxPixels: 4_000_000 })).rejects.toMatchObject({ code: "too-large" });
    expect((await runDecodeJob(png, undefined, { maxPixels: 4_000_000 })).ok).toBe(false);
  });
});
