import { describe, expect, it } from "vitest";
import { limiter } from "./limiter";

describe("limiter", () => {
  it("runs at most `size` tasks at once, in arrival order, and keeps going after a failure", async () => {
    const run = limiter(2);
    let active = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(i);
      active--;
      if (i === 1) throw new Error("boom");
      return i;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => run(task(i))));
    expect(peak).toBe(2);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(order.slice(0, 2).sort()).toEqual([0, 1]);
  });
});
