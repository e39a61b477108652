import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ASSIST_MAX_SIDE, ASSIST_MIN_SIDE, AssistError, clampRegion, normalizeRotation, planAssist } from "./assist";

/** Where the canvas transform sends a photo point. */
const apply = (m: readonly number[], p: { x: number; y: number }) => ({ x: m[0]! * p.x + m[2]! * p.y + m[4]!, y: m[1]! * p.x + m[3]! * p.y + m[5]! });

describe("planAssist", () => {
  it("reads a box with a margin around it, upscaling a small box and capping a large one", () => {
    const small = planAssist(4000, 3000, { region: { x: 1000, y: 1000, width: 100, height: 100 } });
    expect(small.source).toEqual({ x: 992, y: 992, width: 116, height: 116 });
    expect(Math.max(small.outWidth, small.outHeight)).toBe(464); // ×4 at most
    const mid = planAssist(4000, 3000, { region: { x: 0, y: 0, width: 600, height: 400 } });
    expect(Math.max(mid.outWidth, mid.outHeight)).toBe(ASSIST_MIN_SIDE);
    const whole = planAssist(6000, 4000, {});
    expect([whole.outWidth, whole.outHeight]).toEqual([ASSIST_MAX_SIDE, 1600]);
  });

  it("swaps the sides for a quarter turn and turns clockwise on screen", () => {
    const p = planAssist(400, 200, { rotation: 90 });
    expect([p.outWidth, p.outHeight]).toEqual([ASSIST_MIN_SIDE / 2, ASSIST_MIN_SIDE]);
    // Turned clockwise: the photo's top-left corner ends at the output's top right.
    const tl = apply(p.matrix, { x: 0, y: 0 });
    expect(tl.x).toBeCloseTo(p.outWidth, 6);
    expect(tl.y).toBeCloseTo(0, 6);
  });

  it("maps output pixels back to the photo exactly inverse to the canvas transform (any box, any angle)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 6000 }),
        fc.integer({ min: 50, max: 6000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: -720, max: 720, noNaN: true }),
        (w, h, fx, fy, rotation) => {
          const region = { x: fx * (w - 20), y: fy * (h - 20), width: 20 + (1 - fx) * (w - 20) * 0.5, height: 20 + (1 - fy) * (h - 20) * 0.5 };
          const plan = planAssist(w, h, { region, rotation });
          for (const p of [
            { x: 0, y: 0 },
            { x: plan.outWidth, y: plan.outHeight },
            { x: plan.outWidth / 3, y: plan.outHeight / 5 },
          ]) {
            const back = apply(plan.matrix, plan.toImage(p));
            expect(back.x).toBeCloseTo(p.x, 4);
            expect(back.y).toBeCloseTo(p.y, 4);
          }
          // The centre of the box is the centre of the output.
          const c = plan.toImage({ x: plan.outWidth / 2, y: plan.outHeight / 2 });
          expect(c.x).toBeCloseTo(plan.source.x + plan.source.width / 2, 4);
          expect(c.y).toBeCloseTo(plan.source.y + plan.source.height / 2, 4);
        },
      ),
    );
  });

  it("refuses a box outside the photo or too small to hold a code, and a photo without pixels", () => {
    expect(() => planAssist(100, 100, { region: { x: 200, y: 200, width: 50, height: 50 } })).toThrow(AssistError);
    expect(() => planAssist(100, 100, { region: { x: 10, y: 10, width: 5, height: 50 } })).toThrow(/at least 12 px/);
    expect(() => planAssist(100, 100, { region: { x: NaN, y: 10, width: 50, height: 50 } })).toThrow(AssistError);
    expect(() => planAssist(0, 100, {})).toThrow(AssistError);
  });
});

describe("clampRegion and normalizeRotation", () => {
  it("accepts a box drawn right to left and clamps it to the photo", () => {
    expect(clampRegion({ x: 120, y: 90, width: -100, height: -80 }, 100, 100)).toEqual({ x: 20, y: 10, width: 80, height: 80 });
  });
  it("normalises angles to (-180, 180]", () => {
    expect([normalizeRotation(270), normalizeRotation(-90), normalizeRotation(540), normalizeRotation(-180), normalizeRotation(Infinity)]).toEqual([
      -90, -90, 180, 180, 0,
    ]);
  });
});
