import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { addNoise, blankImage, drawQr, RP1_URL } from "../test-images";
import { pdfWithPng } from "../test-pdfs";
import { createDecodePool, DecodePoolError, type DecodePool } from "./decode-pool";

async function png(withCode: boolean, side = 900): Promise<Uint8Array> {
  const img = blankImage(side, side, [128, 128, 128]);
  if (withCode) drawQr(img, RP1_URL, { x: 100, y: 100, module: 5 });
  // Without a code, noise everywhere: every pass has work to do, so the decode runs until its budget ends.
  else addNoise(img, 90, 3);
  return new Uint8Array(
    await sharp(Buffer.from(img.data.buffer), { raw: { width: side, height: side, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

const pools: DecodePool[] = [];
const pool = (o: Parameters<typeof createDecodePool>[0]) => {
  const p = createDecodePool(o);
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe("decode pool (worker_threads)", () => {
  it("decodes in a worker and leaves the caller's buffer untouched", async () => {
    const p = pool({ size: 1 });
    const bytes = await png(true);
    const copy = bytes.slice();
    const r = await p.decode(bytes, "image/png", { timeBudgetMs: 60_000 });
    expect(r).toMatchObject({ ok: true, text: RP1_URL, format: "png" });
    expect(bytes).toEqual(copy);
    expect(p.stats()).toEqual({ workers: 1, running: 0, queued: 0 });
  }, 60_000);

  it("reads the photo on a PDF's first page in a pool worker", async () => {
    const r = await pool({ size: 1 }).decode(await pdfWithPng(await png(true)), "application/pdf", { timeBudgetMs: 60_000 });
    expect(r).toMatchObject({ ok: true, text: RP1_URL, format: "pdf", width: 900, height: 900 });
  }, 60_000);

  it("keeps the event loop free while a photo is decoded", async () => {
    const p = pool({ size: 1 });
    const bytes = await png(false);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    let done = false;
    const job = p.decode(bytes, undefined, { timeBudgetMs: 1500 }).then((r) => {
      done = true;
      return r;
    });
    // While the worker decodes, timers on this thread keep firing.
    await new Promise((r) => setTimeout(r, 1000));
    const during = ticks;
    clearInterval(timer);
    expect(done).toBe(false);
    expect(during).toBeGreaterThan(20);
    expect((await job).ok).toBe(false);
  }, 60_000);

  it("cancels a running decode, and a queued one, through the caller's signal", async () => {
    const p = pool({ size: 1 });
    const bytes = await png(false);
    const running = new AbortController();
    const queued = new AbortController();
    const a = p.decode(bytes, undefined, { timeBudgetMs: 600_000, signal: running.signal });
    const b = p.decode(bytes, undefined, { timeBudgetMs: 600_000, signal: queued.signal });
    expect(p.stats()).toMatchObject({ running: 1, queued: 1 });
    queued.abort();
    expect(await b).toMatchObject({ ok: false, reason: "cancelled" });
    await new Promise((r) => setTimeout(r, 300));
    running.abort();
    expect(await a).toMatchObject({ ok: false, reason: "cancelled" });
    // The pool goes on working.
    expect(await p.decode(await png(true), undefined, { timeBudgetMs: 60_000 })).toMatchObject({ ok: true, text: RP1_URL });
  }, 60_000);

  it("ends a job that outlives its timeout, replaces the worker, and goes on", async () => {
    const p = pool({ size: 1 });
    const r = await p.decode(await png(false), undefined, { timeBudgetMs: 600_000, timeoutMs: 1500 });
    expect(r).toMatchObject({ ok: false, reason: "timeout" });
    expect(p.stats()).toMatchObject({ workers: 0, running: 0 });
    expect(await p.decode(await png(true), undefined, { timeBudgetMs: 60_000 })).toMatchObject({ ok: true, text: RP1_URL });
    expect(await p.decode(new TextEncoder().encode("not a photo"))).toMatchObject({ ok: false, reason: "unsupported-format" });
  }, 60_000);

  it("refuses work beyond its bounded queue, and after close", async () => {
    const p = pool({ size: 1, maxQueue: 1 });
    const bytes = await png(false, 300);
    const controller = new AbortController();
    const first = p.decode(bytes, undefined, { timeBudgetMs: 600_000, signal: controller.signal });
    const second = p.decode(bytes, undefined, { timeBudgetMs: 600_000, signal: controller.signal });
    await expect(p.decode(bytes)).rejects.toBeInstanceOf(DecodePoolError);
    await expect(p.decode(bytes)).rejects.toMatchObject({ code: "busy" });
    controller.abort();
    await Promise.all([first, second]);
    await p.close();
    await expect(p.decode(bytes)).rejects.toMatchObject({ code: "closed" });
  }, 60_000);
});
