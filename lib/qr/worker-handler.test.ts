import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { openPhotoFile } from "./open-photo";
import { blankImage, drawQr, addNoise, cornerDistance, RP1_URL } from "./test-images";
import { pdfWithJpeg, pdfWithRawImage, pdfWithVectorQr } from "./test-pdfs";
import type { RgbaImage } from "./types";
import { createWorkerHandler, pixelSource, type WorkerHandlerDeps, type WorkerResponse, type WorkerResult } from "./worker-handler";
import type { QrEngine } from "./engines";
import { createZxingEngine } from "./zxing-engine";

const RP1 = { source: "^https://reset\\.example\\.com/rp1\\?" };
const SECOND_RP1 = RP1_URL.replace("2MN8X-2411-000123", "7QK2D-2502-000777");
const zxingWasm = async () => new Uint8Array(await readFile("node_modules/zxing-wasm/dist/reader/zxing_reader.wasm"));
const heifWasm = async () => (await readFile("node_modules/libheif-js/libheif-wasm/libheif.wasm")).buffer as ArrayBuffer;
const realZxing = createZxingEngine({ loadWasm: zxingWasm });

/** The worker's file opener with Node's decoders (sharp for what the browser decodes natively). */
const nodeOpenFile: WorkerHandlerDeps["openFile"] = (file) =>
  openPhotoFile<RgbaImage>(file, {
    heifWasm,
    toBitmap: async (image) => image,
    nativeBitmap: async (blob) => {
      const { data, info } = await sharp(Buffer.from(await blob.arrayBuffer()))
        .rotate()
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
    },
    source: pixelSource,
    preview: async () => new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: "image/jpeg" }),
  });

function collect() {
  const msgs: WorkerResponse[] = [];
  return { msgs, post: (m: WorkerResponse) => msgs.push(m) };
}
const resultOf = (msgs: WorkerResponse[], id: number): WorkerResult | undefined => {
  const m = msgs.find((x) => x.id === id && x.type === "result");
  return m && m.type === "result" ? m.result : undefined;
};
const phases = (msgs: WorkerResponse[], id: number) => [...new Set(msgs.flatMap((m) => (m.id === id && m.type === "progress" ? [m.phase] : [])))];

describe("decode worker message handler", () => {
  it("decodes an imageData message, posting progress then the result", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    const img = blankImage(300, 300);
    drawQr(img, RP1_URL, { x: 40, y: 40, module: 3.5 });
    await handle({ id: 1, imageData: img });
    expect(msgs[0]).toMatchObject({ id: 1, type: "progress", phase: "reading" });
    expect(resultOf(msgs, 1)).toMatchObject({ ok: true, text: RP1_URL, engine: "jsqr", candidates: [{ text: RP1_URL }] });
    expect(msgs.at(-1)?.type).toBe("result");
  });

  it("applies the accept pattern sent as a RegExp source", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    const img = blankImage(300, 300);
    drawQr(img, "https://other.example.org/x", { x: 40, y: 40, module: 5 });
    await handle({ id: 2, imageData: img, options: { timeBudgetMs: 60_000, accept: RP1 } });
    expect(resultOf(msgs, 2)).toMatchObject({ ok: false, reason: "not-found", rejected: ["https://other.example.org/x"] });
  });

  it("cancels a running decode between passes (the pipeline yields to the event loop)", async () => {
    const msgs: WorkerResponse[] = [];
    let cancelScheduled = false;
    const handle: ReturnType<typeof createWorkerHandler> = createWorkerHandler({
      post: (m) => {
        msgs.push(m);
        // Like a real worker: the cancel message arrives as a separate event while decoding runs.
        if (m.type === "progress" && m.pass && !cancelScheduled) {
          cancelScheduled = true;
          setTimeout(() => void handle({ id: 3, type: "cancel" }), 0);
        }
      },
    });
    // No QR in it: the pipeline would otherwise run every pass.
    const img = blankImage(300, 200, [128, 128, 128]);
    addNoise(img, 20, 3);
    await handle({ id: 3, imageData: img, options: { timeBudgetMs: 60_000 } });
    expect(resultOf(msgs, 3)).toMatchObject({ ok: false, reason: "cancelled" });
    expect(msgs.filter((m) => m.type === "progress" && m.pass).length).toBeLessThan(3);
  });

  it("reports a broken image as invalid-image", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    await handle({ id: 4, imageData: { data: new Uint8ClampedArray(10), width: 100, height: 100 } });
    expect(resultOf(msgs, 4)).toMatchObject({ ok: false, reason: "invalid-image" });
  });

  it("asks the second reader when jsQR's first pass finds nothing, and its find is the result", async () => {
    const { msgs, post } = collect();
    const truth = { topLeft: { x: 10, y: 10 }, topRight: { x: 90, y: 10 }, bottomLeft: { x: 10, y: 90 }, bottomRight: { x: 90, y: 90 } };
    const asked: (number | undefined)[] = [];
    const fake: QrEngine = {
      name: "zxing",
      multi: true,
      read: async (_gray, { maxSymbols }) => {
        asked.push(maxSymbols);
        return maxSymbols === undefined
          ? [
              { text: "https://help.example.com/", corners: truth },
              { text: RP1_URL, corners: truth },
            ]
          : [];
      },
    };
    const handle = createWorkerHandler({ post, zxing: fake });
    const img = blankImage(320, 240, [128, 128, 128]);
    addNoise(img, 20, 5);
    await handle({ id: 5, imageData: img, options: { accept: RP1 } });
    const r = resultOf(msgs, 5);
    expect(r).toMatchObject({ ok: true, text: RP1_URL, engine: "zxing", pass: expect.stringMatching(/^zx/) });
    expect(phases(msgs, 5)).toEqual(["reading", "second-reader", "others"]);
    // The early find comes before the check for other codes.
    expect(msgs.findIndex((m) => m.type === "found")).toBeLessThan(msgs.findIndex((m) => m.type === "progress" && m.phase === "others"));
    expect(asked).toEqual([undefined, 8]);
  });

  it("lists two different reset codes in one photo as candidates, and leaves out a help link (real zxing-cpp)", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post, zxing: realZxing });
    const img = blankImage(900, 420);
    drawQr(img, RP1_URL, { x: 40, y: 40, module: 3 });
    drawQr(img, SECOND_RP1, { x: 470, y: 40, module: 3 });
    drawQr(img, "https://support.example.com/help", { x: 420, y: 330, module: 2 });
    await handle({ id: 6, imageData: img, options: { accept: RP1 } });
    const r = resultOf(msgs, 6);
    expect(r?.ok).toBe(true);
    if (!r?.ok) return;
    expect(r.candidates.map((c) => c.text).sort()).toEqual([RP1_URL, SECOND_RP1].sort());
    expect(r.candidates[0]!.text).toBe(r.text);
    expect(r.candidates.some((c) => c.text.includes("support.example.com"))).toBe(false);
  });

  it("reads a box of the open photo at full resolution when the automatic reading cannot (the manual assist)", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    // 3 × 2400 px wide: the automatic passes see a third of a pixel per module... of 1.3 px modules.
    const img = blankImage(3600, 2000, [140, 140, 140]);
    const truth = drawQr(img, RP1_URL, { x: 2900, y: 1500, module: 1.5 });
    await handle({ id: 7, imageData: img, options: { timeBudgetMs: 1500, accept: RP1 } });
    expect(resultOf(msgs, 7)).toMatchObject({ ok: false });
    const box = {
      x: truth.topLeft.x - 20,
      y: truth.topLeft.y - 20,
      width: truth.topRight.x - truth.topLeft.x + 40,
      height: truth.bottomLeft.y - truth.topLeft.y + 40,
    };
    await handle({ id: 8, type: "assist", photo: 7, assist: { region: box }, options: { accept: RP1 } });
    const r = resultOf(msgs, 8);
    expect(r).toMatchObject({ ok: true, text: RP1_URL });
    if (r?.ok) expect(cornerDistance(r.corners, truth)).toBeLessThan(6);
  });

  it("turns the box as asked and maps the corners back into the photo", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    const img = blankImage(600, 400);
    const truth = drawQr(img, RP1_URL, { x: 300, y: 120, module: 3 });
    await handle({ id: 9, imageData: img, options: { accept: RP1 } });
    await handle({ id: 10, type: "assist", photo: 9, assist: { region: { x: 260, y: 80, width: 260, height: 260 }, rotation: 90 }, options: { accept: RP1 } });
    const r = resultOf(msgs, 10);
    expect(r).toMatchObject({ ok: true, text: RP1_URL });
    // The same symbol, whichever corner jsQR calls its top left after the turn.
    if (r?.ok) {
      const found = [r.corners.topLeft, r.corners.topRight, r.corners.bottomLeft, r.corners.bottomRight];
      for (const p of [truth.topLeft, truth.topRight, truth.bottomLeft, truth.bottomRight]) {
        expect(Math.min(...found.map((q) => Math.hypot(q.x - p.x, q.y - p.y)))).toBeLessThan(8);
      }
    }
  });

  it("refuses an assist for a photo that is no longer open, or a box outside the photo, with words", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    await handle({ id: 11, type: "assist", photo: 999, assist: {} });
    expect(resultOf(msgs, 11)).toMatchObject({ ok: false, reason: "bad-assist", message: expect.stringContaining("no longer open") });
    await handle({ id: 12, imageData: blankImage(100, 100) });
    await handle({ id: 13, type: "assist", photo: 12, assist: { region: { x: 500, y: 500, width: 50, height: 50 } } });
    expect(resultOf(msgs, 13)).toMatchObject({ ok: false, reason: "bad-assist", message: expect.stringContaining("inside the photo") });
  });

  it("opens an iPhone HEIC photo with libheif and reads it", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post, openFile: nodeOpenFile });
    const file = new Blob([await readFile("e2e/fixtures/qr/photo-iphone.heic")]);
    await handle({ id: 14, type: "open", file, options: { accept: RP1 } });
    expect(msgs.find((m) => m.type === "loaded")).toMatchObject({ width: 671, height: 503, format: "heif", preview: expect.any(Blob) });
    const manifest = JSON.parse(await readFile("e2e/fixtures/qr/manifest.json", "utf8")) as { file: string; text: string }[];
    expect(resultOf(msgs, 14)).toMatchObject({ ok: true, text: manifest.find((m) => m.file === "photo-moire.jpg")!.text });
  });

  it("opens the photo on a PDF's first page (its JPEG, or its raw pixels), shows a JPEG of it, and reads it", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post, openFile: nodeOpenFile });
    const manifest = JSON.parse(await readFile("e2e/fixtures/qr/manifest.json", "utf8")) as { file: string; text: string }[];
    const jpeg = new Uint8Array(await readFile("e2e/fixtures/qr/photo-moire.jpg"));
    await handle({ id: 20, type: "open", file: new Blob([await pdfWithJpeg(jpeg)], { type: "application/pdf" }), options: { accept: RP1 } });
    const loaded = msgs.find((m) => m.id === 20 && m.type === "loaded");
    expect(loaded).toMatchObject({ width: 671, height: 503, format: "pdf", preview: expect.any(Blob) });
    // The page is shown the PDF's own JPEG (an <img> cannot show a PDF).
    if (loaded?.type === "loaded") expect(Buffer.from(await loaded.preview!.arrayBuffer()).equals(Buffer.from(jpeg))).toBe(true);
    expect(resultOf(msgs, 20)).toMatchObject({ ok: true, text: manifest.find((m) => m.file === "photo-moire.jpg")!.text });

    const img = blankImage(360, 240, [200, 205, 210]);
    drawQr(img, RP1_URL, { x: 30, y: 30, module: 3 });
    await handle({ id: 21, type: "open", file: new Blob([await pdfWithRawImage(img, { predictor: true })]), options: { accept: RP1 } });
    expect(msgs.find((m) => m.id === 21 && m.type === "loaded")).toMatchObject({ width: 360, height: 240, format: "pdf", preview: expect.any(Blob) });
    expect(resultOf(msgs, 21)).toMatchObject({ ok: true, text: RP1_URL });
  });

  it("refuses a PDF without a photo on its first page, a damaged PDF, a TIFF and a damaged JPEG, with a sentence", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post, openFile: nodeOpenFile });
    await handle({ id: 15, type: "open", file: new Blob([await pdfWithVectorQr(RP1_URL)], { type: "application/pdf" }) });
    expect(resultOf(msgs, 15)).toMatchObject({
      ok: false,
      reason: "unsupported-format",
      message: "This PDF has no photo on its first page. Ask the customer for a photo or a screenshot of the QR code.",
    });
    await handle({ id: 18, type: "open", file: new Blob(["%PDF-1.7\n..."], { type: "application/pdf" }) });
    expect(resultOf(msgs, 18)).toMatchObject({ ok: false, reason: "load-failed", message: expect.stringContaining("incomplete or damaged") });
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#fff" } })
      .tiff()
      .toBuffer();
    await handle({ id: 16, type: "open", file: new Blob([new Uint8Array(tiff)]) });
    expect(resultOf(msgs, 16)).toMatchObject({
      ok: false,
      reason: "unsupported-format",
      message: expect.stringMatching(/TIFF.*JPEG, PNG, WebP, GIF, AVIF or HEIC/),
    });
    const jpeg = await readFile("e2e/fixtures/qr/photo-moire.jpg");
    await handle({ id: 17, type: "open", file: new Blob([new Uint8Array(jpeg.subarray(0, 400))]) });
    expect(resultOf(msgs, 17)).toMatchObject({ ok: false, reason: "load-failed", message: expect.stringContaining("incomplete or damaged") });
  });
});
