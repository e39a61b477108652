import { describe, expect, it } from "vitest";
import { blankImage, drawQr, addNoise, RP1_URL } from "./test-images";
import type { DecodeResult } from "./types";
import { createWorkerHandler, type WorkerResponse } from "./worker-handler";

function collect() {
  const msgs: WorkerResponse[] = [];
  return { msgs, post: (m: WorkerResponse) => msgs.push(m) };
}
const resultOf = (msgs: WorkerResponse[], id: number): DecodeResult | undefined => {
  const m = msgs.find((x) => x.id === id && x.type === "result");
  return m && m.type === "result" ? m.result : undefined;
};

describe("decode worker message handler", () => {
  it("decodes an imageData message, posting progress then the result", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    const img = blankImage(300, 300);
    drawQr(img, RP1_URL, { x: 40, y: 40, module: 3.5 });
    await handle({ id: 1, imageData: img });
    expect(msgs[0]).toMatchObject({ id: 1, type: "progress", passIndex: 0 });
    const r = resultOf(msgs, 1);
    expect(r).toMatchObject({ ok: true, text: RP1_URL });
    expect(msgs.at(-1)?.type).toBe("result");
  });

  it("applies the accept pattern sent as a RegExp source", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    const img = blankImage(300, 300);
    drawQr(img, "https://other.example.org/x", { x: 40, y: 40, module: 5 });
    await handle({ id: 2, imageData: img, options: { timeBudgetMs: 60_000, accept: { source: "^https://reset\\.example\\.com/rp1\\?" } } });
    expect(resultOf(msgs, 2)).toMatchObject({ ok: false, reason: "not-found", rejected: ["https://other.example.org/x"] });
  });

  it("cancels a running decode between passes (the pipeline yields to the event loop)", async () => {
    const msgs: WorkerResponse[] = [];
    let handle: ReturnType<typeof createWorkerHandler> | null = null;
    let cancelScheduled = false;
    handle = createWorkerHandler({
      post: (m) => {
        msgs.push(m);
        // Like a real worker: the cancel message arrives as a separate event while decoding runs.
        if (m.type === "progress" && !cancelScheduled) {
          cancelScheduled = true;
          setTimeout(() => void handle!({ id: 3, type: "cancel" }), 0);
        }
      },
    });
    // No QR in it: the pipeline would otherwise run every pass.
    const img = blankImage(300, 200, [128, 128, 128]);
    addNoise(img, 20, 3);
    await handle({ id: 3, imageData: img, options: { timeBudgetMs: 60_000 } });
    expect(resultOf(msgs, 3)).toMatchObject({ ok: false, reason: "cancelled" });
    const progress = msgs.filter((m) => m.type === "progress");
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThan(3);
  });

  it("reports a broken image as invalid-image", async () => {
    const { msgs, post } = collect();
    const handle = createWorkerHandler({ post });
    await handle({ id: 4, imageData: { data: new Uint8ClampedArray(10), width: 100, height: 100 } });
    expect(resultOf(msgs, 4)).toMatchObject({ ok: false, reason: "invalid-image" });
  });

  it("scales corners from a downscaled bitmap back to bitmap coordinates", async () => {
    const { msgs, post } = collect();
    const img = blankImage(300, 300);
    const truth = drawQr(img, RP1_URL, { x: 40, y: 40, module: 3.5 });
    // Pretend the worker drew a 600×600 bitmap at half size.
    const handle = createWorkerHandler({ post, bitmapToImage: () => ({ image: img, scale: 0.5 }) });
    await handle({ id: 5, bitmap: { width: 600, height: 600, close() {} } as unknown as ImageBitmap });
    const r = resultOf(msgs, 5);
    expect(r?.ok).toBe(true);
    if (r?.ok) {
      expect(r.corners.topLeft.x).toBeCloseTo(truth.topLeft.x * 2, -1);
      expect(r.corners.bottomRight.y).toBeCloseTo(truth.bottomRight.y * 2, -1);
    }
  });
});
