import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import sharp from "sharp";
import { main, type CliLine } from "./cli";
import { blankImage, drawQr } from "./test-images";

const HELP_URL = "https://support.example.com/help/retrieve-password?lang=en";

const root = path.resolve(__dirname, "..", "..");
const fixtures = path.join(root, "e2e", "fixtures", "qr");
const manifest = JSON.parse(readFileSync(path.join(fixtures, "manifest.json"), "utf8")) as { file: string; text: string | null }[];
const fx = (f: string) => path.join(fixtures, f);

async function run(args: string[]): Promise<{ code: number; lines: CliLine[] }> {
  const out: string[] = [];
  const code = await main(args, (l) => out.push(l));
  return { code, lines: out.map((l) => JSON.parse(l) as CliLine) };
}

describe("qr CLI (in process)", () => {
  it("decodes every committed fixture that has a code, and finds nothing in the others", async () => {
    const { code, lines } = await run(manifest.map((m) => fx(m.file)));
    expect(code).toBe(0);
    expect(lines).toHaveLength(manifest.length);
    for (const [i, m] of manifest.entries()) {
      const line = lines[i]!;
      expect(line.file).toBe(fx(m.file));
      expect(line.text).toBe(m.text);
      if (m.text) expect(typeof line.pass).toBe("string");
      else expect(line.pass).toBeNull();
      expect(line.ms).toBeGreaterThanOrEqual(0);
      expect(line.error).toBeUndefined();
    }
  }, 60_000);

  it("reports unreadable files with an error and exit code 1", async () => {
    const { code, lines } = await run([fx("README.md"), fx("clean-screenshot.png"), fx("does-not-exist.jpg")]);
    expect(code).toBe(1);
    expect(lines.map((l) => [l.text === null, typeof l.error])).toEqual([
      [true, "string"],
      [false, "undefined"],
      [true, "string"],
    ]);
  });

  it("skips a code that is not a reset challenge, unless --any", async () => {
    const twoCodes = manifest.find((m) => m.file === "two-codes.png")!;
    expect((await run([fx("two-codes.png")])).lines[0]!.text).toBe(twoCodes.text);
    // A photo with only a help link: no challenge in it, but a QR code all the same.
    const img = blankImage(300, 300);
    drawQr(img, HELP_URL, { x: 40, y: 40, module: 5 });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "qr-cli-")), "help-link.png");
    await sharp(Buffer.from(img.data), { raw: { width: 300, height: 300, channels: 4 } })
      .png()
      .toFile(file);
    expect((await run([file])).lines[0]).toMatchObject({ text: null, pass: null, reason: "not-found" });
    expect((await run(["--any", file])).lines[0]!.text).toBe(HELP_URL);
  });

  it("rejects bad usage", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(["--nope", fx("no-qr.jpg")])).code).toBe(2);
  });
});

describe("qr CLI (spawned with tsx)", () => {
  it("prints one JSON line per file and exits 0", async () => {
    const tsx = path.join(root, "node_modules", ".bin", "tsx");
    const { stdout } = await promisify(execFile)(tsx, ["lib/qr/cli.ts", fx("clean-screenshot.png"), fx("no-qr.jpg")], { cwd: root });
    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as CliLine);
    expect(lines).toHaveLength(2);
    expect(Object.keys(lines[0]!).sort()).toEqual(["file", "ms", "pass", "text"]);
    expect(lines[0]!.text).toBe(manifest.find((m) => m.file === "clean-screenshot.png")!.text);
    expect(lines[1]).toMatchObject({ text: null, pass: null });
  }, 30_000);
});
