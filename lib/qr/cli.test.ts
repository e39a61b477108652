import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { main, type CliLine } from "./cli";
import { blankImage, drawQr } from "./test-images";
import { pdfWithJpeg, pdfWithVectorQr } from "./test-pdfs";

const HELP_URL = "https://support.example.com/help/retrieve-password?lang=en";

const root = path.resolve(__dirname, "..", "..");
const fixtures = path.join(root, "e2e", "fixtures", "qr");
const manifest = JSON.parse(readFileSync(path.join(fixtures, "manifest.json"), "utf8")) as { file: string; text: string | null }[];
const fx = (f: string) => path.join(fixtures, f);
/**
 * These tests are about what the CLI reads, not how fast: with the default budget (900 ms) a
 * busy machine runs out of time and a photo that every pass misses ends as "timeout" instead of
 * "not-found". A budget no machine runs out of gives the same answer everywhere; the budget
 * itself is tested with an injected clock (pipeline.test.ts), the speed by bench/qr.
 */
const NO_DEADLINE = "--budget=600000";

async function run(args: string[]): Promise<{ code: number; lines: CliLine[] }> {
  const out: string[] = [];
  const code = await main(args, (l) => out.push(l));
  return { code, lines: out.map((l) => JSON.parse(l) as CliLine) };
}

describe("qr CLI (in process)", () => {
  it("decodes every committed fixture that has a code, and finds nothing in the others", async () => {
    // "Nothing found" holds whether every pass ran or the budget ran out, so the fixtures without
    // a code keep the default budget (and the test stays quick); those with one get no deadline.
    const withCode = manifest.filter((m) => m.text);
    const without = manifest.filter((m) => !m.text);
    const found = await run([NO_DEADLINE, ...withCode.map((m) => fx(m.file))]);
    const none = await run(without.map((m) => fx(m.file)));
    expect([found.code, none.code]).toEqual([0, 0]);
    expect(without.length).toBeGreaterThan(0);
    for (const [set, { lines }] of [
      [withCode, found],
      [without, none],
    ] as const) {
      expect(lines).toHaveLength(set.length);
      for (const [i, m] of set.entries()) {
        const line = lines[i]!;
        expect(line.file).toBe(fx(m.file));
        expect(line.text).toBe(m.text);
        if (m.text) expect(typeof line.pass).toBe("string");
        else expect(line.pass).toBeNull();
        expect(line.ms).toBeGreaterThanOrEqual(0);
        expect(line.error).toBeUndefined();
      }
    }
  }, 60_000);

  it("reports unreadable files with an error and exit code 1", async () => {
    const { code, lines } = await run([NO_DEADLINE, fx("README.md"), fx("clean-screenshot.png"), fx("does-not-exist.jpg")]);
    expect(code).toBe(1);
    expect(lines.map((l) => [l.text === null, typeof l.error])).toEqual([
      [true, "string"],
      [false, "undefined"],
      [true, "string"],
    ]);
  });

  it("reads the challenge from the photo on a PDF's first page, and says why a vector-drawn one cannot be read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "qr-cli-"));
    const scan = path.join(dir, "scan.pdf");
    const vector = path.join(dir, "vector.pdf");
    writeFileSync(scan, await pdfWithJpeg(readFileSync(fx("photo-moire.jpg"))));
    writeFileSync(vector, await pdfWithVectorQr(manifest.find((m) => m.file === "photo-moire.jpg")!.text!));
    const { code, lines } = await run([NO_DEADLINE, scan, vector]);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ file: scan, text: manifest.find((m) => m.file === "photo-moire.jpg")!.text });
    expect(lines[1]).toMatchObject({ file: vector, text: null, error: expect.stringMatching(/^This PDF has no photo on its first page\./) });
  }, 60_000);

  it("skips a code that is not a reset challenge, unless --any", async () => {
    const twoCodes = manifest.find((m) => m.file === "two-codes.png")!;
    expect((await run([NO_DEADLINE, fx("two-codes.png")])).lines[0]!.text).toBe(twoCodes.text);
    // A photo with only a help link: no challenge in it, but a QR code all the same.
    const img = blankImage(300, 300);
    drawQr(img, HELP_URL, { x: 40, y: 40, module: 5 });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "qr-cli-")), "help-link.png");
    await sharp(Buffer.from(img.data), { raw: { width: 300, height: 300, channels: 4 } })
      .png()
      .toFile(file);
    // Every pass ran and refused the help link: "not-found", not a budget that ran out.
    expect((await run([NO_DEADLINE, file])).lines[0]).toMatchObject({ text: null, pass: null, reason: "not-found" });
    expect((await run([NO_DEADLINE, "--any", file])).lines[0]!.text).toBe(HELP_URL);
  }, 60_000);

  it("rejects bad usage", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["--nope", fx("no-qr.jpg")])).code).toBe(2);
  });
});

describe("qr CLI (spawned with tsx)", () => {
  it("prints one JSON line per file and exits 0", async () => {
    // A blank image has nothing to find: every pass ends at once, even without a deadline.
    const blank = path.join(mkdtempSync(path.join(tmpdir(), "qr-cli-")), "blank.png");
    await sharp({ create: { width: 200, height: 200, channels: 3, background: "#fff" } })
      .png()
      .toFile(blank);
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, ["lib/qr/cli.ts", NO_DEADLINE, fx("clean-screenshot.png"), blank], { cwd: root });
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as CliLine);
    expect(lines).toHaveLength(2);
    // The fields the measurements read are kept as they were; `engine` is new.
    expect(Object.keys(lines[0]!).sort()).toEqual(["engine", "file", "ms", "pass", "text"]);
    expect(lines[0]!.text).toBe(manifest.find((m) => m.file === "clean-screenshot.png")!.text);
    expect(lines[1]).toMatchObject({ text: null, pass: null, reason: "not-found" });
  }, 60_000);
});
