/**
 * Generate the small committed fixture images in e2e/fixtures/qr/ (run once; the output is
 * committed, deterministic for this code):
 *
 *   npx tsx bench/qr/make-e2e-fixtures.ts [--check [--write]]
 *
 * For each wanted kind of photo it walks seeds until the image has the wanted property (e.g.
 * plain jsQR fails but the pipeline reads it), writes the file and prints README rows.
 * `--check` only verifies the committed files against the manifest (`--write` then records the
 * pass that reads each file now in the manifest).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import jsQR from "jsqr";
import sharp from "sharp";
import { CHALLENGE_TEXT } from "@/lib/qr/challenge-text";
import { decodeQr } from "@/lib/qr/pipeline";
import { encodeJpeg, loadRgba, renderRaw, rp1Url, specFor, EXAMPLE_URL, type Category, type FixtureSpec } from "./fixtures";
import { makeRng, qrMatrix, renderScreen } from "./synth";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const outDir = path.join(root, "e2e", "fixtures", "qr");

interface Made {
  file: string;
  text: string | null;
  note: string;
  plainJsqr: boolean;
  pipeline: string | null;
}

async function judge(buf: Buffer, expected: string | null): Promise<{ plain: boolean; pipeline: string | null }> {
  const img = await loadRgba(buf);
  const code = jsQR(img.data, img.width, img.height, { inversionAttempts: "attemptBoth" });
  // As the intake and the CLI read photos: other codes (the help link) are skipped.
  const r = decodeQr(img, { accept: (t) => CHALLENGE_TEXT.test(t) });
  return { plain: !!code && code.data === expected, pipeline: r.ok ? (r.text === expected ? r.pass : `WRONG TEXT via ${r.pass}`) : null };
}

async function photo(
  file: string,
  category: Category,
  note: string,
  want: (j: { plain: boolean; pipeline: string | null }) => boolean,
  tweak: (s: FixtureSpec) => void = () => {},
): Promise<Made> {
  const base = [...file].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0, 0x51f1e);
  for (let seed = 1; seed < 200; seed++) {
    const spec = specFor(file, category, (base + seed * 7919) >>> 0);
    tweak(spec);
    const raw = renderRaw(spec);
    const buf = await encodeJpeg(raw, spec.outWidth, spec.outHeight, spec.quality);
    const j = await judge(buf, spec.text);
    if (!want(j)) continue;
    await writeFile(path.join(outDir, file), buf);
    return { file, text: spec.text, note: `${note} (${spec.outWidth}×${spec.outHeight}, q${spec.quality})`, plainJsqr: j.plain, pipeline: j.pipeline };
  }
  throw new Error(`no seed found for ${file}`);
}

async function screenshot(file: string, texts: { text: string; x: number; y: number }[], note: string): Promise<Made> {
  // The recorder's dialog as a screenshot (PNG), optionally with a second, unrelated QR code.
  const rng = makeRng(42);
  const screen = renderScreen({ text: texts[0]!.text, theme: "light", modulePx: 4, width: 900, height: 640 }, rng);
  for (const extra of texts.slice(1)) {
    const m = qrMatrix(extra.text, "M");
    const mod = 3;
    for (let y = -4 * mod; y < (m.size + 4) * mod; y++) {
      for (let x = -4 * mod; x < (m.size + 4) * mod; x++) {
        const r = Math.floor(y / mod);
        const c = Math.floor(x / mod);
        const dark = r >= 0 && c >= 0 && r < m.size && c < m.size && m.dark(r, c);
        const i = ((extra.y + y) * screen.width + extra.x + x) * 3;
        screen.rgb[i] = screen.rgb[i + 1] = screen.rgb[i + 2] = dark ? 0 : 255;
      }
    }
  }
  const buf = await sharp(Buffer.from(screen.rgb), { raw: { width: screen.width, height: screen.height, channels: 3 } })
    .png({ compressionLevel: 9, palette: true, colours: 64 })
    .toBuffer();
  await writeFile(path.join(outDir, file), buf);
  const j = await judge(buf, texts[0]!.text);
  return { file, text: texts[0]!.text, note, plainJsqr: j.plain, pipeline: j.pipeline };
}

const HELP_URL = "https://support.example.com/help/retrieve-password?lang=en";

async function main() {
  await mkdir(outDir, { recursive: true });
  const made: Made[] = [];
  made.push(await screenshot("clean-screenshot.png", [{ text: EXAMPLE_URL, x: 0, y: 0 }], "Screenshot of the light-theme dialog (PNG, no camera)"));
  made.push(
    await screenshot(
      "two-codes.png",
      [
        { text: rp1Url(makeRng(7)), x: 0, y: 0 },
        { text: HELP_URL, x: 70, y: 470 },
      ],
      `Screenshot with TWO codes: the RP1 URL and a help link (${HELP_URL}) — for the accept predicate`,
    ),
  );
  made.push(
    await photo(
      "photo-moire.jpg",
      "chat-moire",
      "Phone photo with moiré, plain jsQR fails, pipeline reads",
      (j) => !j.plain && !!j.pipeline,
      (s) => (s.theme = "light"),
    ),
  );
  made.push(
    await photo("photo-dark-theme.jpg", "dark", "Dark theme (light modules on dark), plain jsQR fails, pipeline reads", (j) => !j.plain && !!j.pipeline),
  );
  made.push(
    await photo(
      "chat-thumbnail.jpg",
      "thumb",
      "Tiny chat-app thumbnail, pipeline reads",
      (j) => !!j.pipeline,
      (s) => (s.theme = "light"),
    ),
  );
  made.push(await photo("photo-glare.jpg", "glare", "Glare over the code, plain jsQR fails, pipeline reads", (j) => !j.plain && !!j.pipeline));
  made.push(
    await photo(
      "photo-large.jpg",
      "12mp",
      "Large photo (2400 px), plain jsQR fails at full size, pipeline reads",
      (j) => !j.plain && !!j.pipeline,
      (s) => {
        const landscape = s.outWidth >= s.outHeight;
        s.outWidth = landscape ? 2400 : 1800;
        s.outHeight = landscape ? 1800 : 2400;
        s.quality = 55;
      },
    ),
  );
  made.push(
    await photo(
      "no-qr.jpg",
      "negative",
      "Photo of the UI with no QR code: nothing to find",
      (j) => !j.pipeline,
      (s) => ((s.noQr = true), (s.destroy = undefined)),
    ),
  );
  made.push(
    await photo(
      "destroyed-qr.jpg",
      "negative",
      "Photo of a destroyed QR code (35% of modules flipped): unreadable",
      (j) => !j.pipeline,
      (s) => ((s.noQr = undefined), (s.destroy = 0.35)),
    ),
  );
  await writeFile(path.join(outDir, "manifest.json"), JSON.stringify(made, null, 1) + "\n");
  for (const m of made) console.log(`| ${m.file} | ${m.text ?? "— (none)"} | ${m.note} | ${m.plainJsqr ? "yes" : "no"} | ${m.pipeline ?? "—"} |`);
}

async function check() {
  const made = JSON.parse(await readFile(path.join(outDir, "manifest.json"), "utf8")) as Made[];
  let bad = 0;
  for (const m of made) {
    const j = await judge(await readFile(path.join(outDir, m.file)), m.text);
    const ok = (m.text === null) === (j.pipeline === null);
    if (!ok) bad++;
    console.log(`${ok ? "ok " : "BAD"} ${m.file} plain=${j.plain} pipeline=${j.pipeline}`);
    m.pipeline = j.pipeline;
  }
  process.exitCode = bad ? 1 : 0;
  // After a change of DEFAULT_PASSES: record which pass reads each file now (the texts never change).
  if (!bad && process.argv.includes("--write")) await writeFile(path.join(outDir, "manifest.json"), JSON.stringify(made, null, 1) + "\n");
}

await (process.argv.includes("--check") ? check() : main());
