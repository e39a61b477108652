import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readBarcodes } from "zxing-wasm/reader";
import { prepareZXingModule as prepareWriter, writeBarcode } from "zxing-wasm/writer";
import { jsqrEngine } from "./engines";
import type { Gray } from "./image-ops";
import { DEFAULT_PASSES } from "./passes";
import { decodeQr, decodeQrAsync } from "./pipeline";
import { nodeZxingEngine } from "./server/zxing-node";
import { blankImage, cornerDistance, drawQr, RP1_URL } from "./test-images";
import type { Corners, PassDescriptor, RgbaImage } from "./types";
import { createZxingEngine } from "./zxing-engine";

const BIG = { timeBudgetMs: 60_000 };

function toGray(img: RgbaImage): Gray {
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0; i < data.length; i++) data[i] = img.data[i * 4]!;
  return { width: img.width, height: img.height, data };
}

function clean(): { img: RgbaImage; truth: Corners } {
  const img = blankImage(320, 320);
  const truth = drawQr(img, RP1_URL, { x: 50, y: 50, module: 3.5 });
  return { img, truth };
}

const zxOnly: PassDescriptor = {
  name: "zx-only",
  longSide: 1000,
  region: { kind: "full" },
  channel: "luma",
  contrast: "none",
  inversion: "attemptBoth",
  engine: "zxing",
};

/** A Micro QR symbol (zxing-cpp's own writer), black on white at `px` per module with a 4-module quiet zone. */
async function microQr(text: string, px = 6): Promise<Gray> {
  const w = await readFile("node_modules/zxing-wasm/dist/writer/zxing_writer.wasm");
  await prepareWriter({ overrides: { wasmBinary: w.buffer.slice(w.byteOffset, w.byteOffset + w.byteLength) as ArrayBuffer }, fireImmediately: true });
  const { symbol } = await writeBarcode(text, { format: "MicroQRCode" });
  const side = (symbol.width + 8) * px;
  const data = new Uint8Array(side * side).fill(255);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / px) - 4;
      const my = Math.floor(y / px) - 4;
      if (mx >= 0 && my >= 0 && mx < symbol.width && my < symbol.height) data[y * side + x] = symbol.data[my * symbol.width + mx]!;
    }
  return { width: side, height: side, data };
}

describe("engines", () => {
  it("jsQR and zxing-cpp each read a clean code, with its corners", async () => {
    const { img, truth } = clean();
    const gray = toGray(img);
    for (const codes of [
      jsqrEngine.read(gray, { inversion: "dontInvert" }) as Awaited<ReturnType<typeof jsqrEngine.read>>,
      await nodeZxingEngine().read(gray, { inversion: "dontInvert" }),
    ]) {
      expect(codes.map((c) => c.text)).toEqual([RP1_URL]);
      // Corners in the gray's pixel coordinates, within a module of the drawn symbol.
      expect(cornerDistance(codes[0]!.corners, truth)).toBeLessThan(4);
    }
  });

  it("zxing-cpp's QR format admits Micro QR, whose M1–M4 symbols the engine refuses (screen texture reads as one)", async () => {
    const gray = await microQr("075134");
    const rgba = new Uint8ClampedArray(gray.width * gray.height * 4).map((_, i) => ((i & 3) === 3 ? 255 : gray.data[i >> 2]!));
    await nodeZxingEngine().load!();
    const raw = await readBarcodes({ data: rgba, width: gray.width, height: gray.height, colorSpace: "srgb" } as ImageData, { formats: ["QRCode"] });
    expect(raw.map((r) => [r.text, r.version[0]])).toEqual([["075134", "M"]]);
    expect(await nodeZxingEngine().read(gray, { inversion: "attemptBoth" })).toEqual([]);
  });

  it("jsQR's texts under four characters are refused (its misreads look like that); zxing-cpp reads such a code", async () => {
    const img = blankImage(200, 200);
    drawQr(img, "A1", { x: 40, y: 40, module: 5 });
    expect(jsqrEngine.read(toGray(img), { inversion: "dontInvert" })).toEqual([]);
    expect((await nodeZxingEngine().read(toGray(img), { inversion: "dontInvert" })).map((c) => c.text)).toEqual(["A1"]);
    const ok = blankImage(200, 200);
    drawQr(ok, "A123", { x: 40, y: 40, module: 5 });
    expect((jsqrEngine.read(toGray(ok), { inversion: "dontInvert" }) as { text: string }[]).map((c) => c.text)).toEqual(["A123"]);
  });

  it("find nothing on a blank image", async () => {
    const gray = toGray(blankImage(200, 200));
    expect(jsqrEngine.read(gray, { inversion: "attemptBoth" })).toEqual([]);
    expect(await nodeZxingEngine().read(gray, { inversion: "attemptBoth" })).toEqual([]);
  });

  it("zxing-cpp returns every code of an image in one read", async () => {
    const img = blankImage(640, 320);
    drawQr(img, RP1_URL, { x: 40, y: 60, module: 3 });
    drawQr(img, "https://support.example.com/help", { x: 400, y: 60, module: 4 });
    const codes = await nodeZxingEngine().read(toGray(img), { inversion: "dontInvert" });
    expect(codes.map((c) => c.text).sort()).toEqual(["https://support.example.com/help", RP1_URL].sort());
  });

  it("zxing-cpp needs a wasm source (never the package's CDN default), and a source that fails reads nothing", async () => {
    expect(() => createZxingEngine({})).toThrow(/wasmUrl, wasmBinary or loadWasm/);
    let calls = 0;
    const broken = createZxingEngine({
      loadWasm: async () => {
        calls++;
        throw new Error("no wasm here");
      },
    });
    await expect(broken.load!()).rejects.toThrow("no wasm here");
    expect(await broken.read(toGray(clean().img), { inversion: "dontInvert" })).toEqual([]);
    expect(calls).toBe(1);
  });
});

describe("pipeline with engines", () => {
  it("runs a zxing pass only when the zxing engine is given, and reports which engine read it", async () => {
    const { img, truth } = clean();
    const withZx = await decodeQrAsync(img, { ...BIG, passes: [zxOnly], engines: [jsqrEngine, nodeZxingEngine()] });
    expect(withZx.ok && [withZx.text, withZx.engine, withZx.pass]).toEqual([RP1_URL, "zxing", "zx-only"]);
    if (withZx.ok) expect(cornerDistance(withZx.corners, truth)).toBeLessThan(4);
    const jsqrOnly = await decodeQrAsync(img, { ...BIG, passes: [zxOnly] });
    expect(jsqrOnly).toMatchObject({ ok: false, reason: "not-found", timings: { passes: [] } });
  });

  it("default passes: jsQR first (an easy photo never reaches zxing-cpp), zxing-cpp among them", async () => {
    const r = await decodeQrAsync(clean().img, { ...BIG, engines: [jsqrEngine, nodeZxingEngine()] });
    expect(r.ok && r.engine).toBe("jsqr");
    expect(DEFAULT_PASSES[0]!.engine ?? "jsqr").toBe("jsqr");
    expect(DEFAULT_PASSES.filter((p) => p.engine === "zxing").length).toBeGreaterThan(3);
  });

  it("the synchronous driver refuses an asynchronous engine instead of skipping it silently", () => {
    expect(() => decodeQr(blankImage(100, 100), { ...BIG, passes: [zxOnly], engines: [jsqrEngine, nodeZxingEngine()] })).toThrow(/decodeQrAsync/);
  });
});
