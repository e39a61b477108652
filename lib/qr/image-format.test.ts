import sharp from "sharp";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { sniffImageFormat, unsupportedFormatMessage } from "./image-format";

const head = async (b: Buffer | Uint8Array) => new Uint8Array(b).subarray(0, 64);
const ftyp = (major: string, ...compatible: string[]) => {
  const brands = [major, "\0\0\0\0", ...compatible].join("");
  const size = 8 + brands.length;
  return new Uint8Array([0, 0, 0, size, ..."ftyp", ...brands].map((c) => (typeof c === "number" ? c : c.charCodeAt(0))));
};

describe("sniffImageFormat", () => {
  it("tells the browser-native formats apart by their bytes, whatever the name says", async () => {
    const img = sharp({ create: { width: 4, height: 4, channels: 3, background: "#123" } });
    expect(sniffImageFormat(await head(await img.clone().jpeg().toBuffer()))).toBe("jpeg");
    expect(sniffImageFormat(await head(await img.clone().png().toBuffer()))).toBe("png");
    expect(sniffImageFormat(await head(await img.clone().webp().toBuffer()))).toBe("webp");
    expect(sniffImageFormat(await head(await img.clone().gif().toBuffer()))).toBe("gif");
    expect(sniffImageFormat(await head(await img.clone().avif().toBuffer()))).toBe("avif");
    expect(sniffImageFormat(await head(await img.clone().tiff().toBuffer()))).toBe("tiff");
  });

  it("reads HEIC from its ftyp brands (an iPhone photo; mif1-only HEIF too), and AVIF before a shared mif1", async () => {
    expect(sniffImageFormat(await head(await readFile("e2e/fixtures/qr/photo-iphone.heic")))).toBe("heif");
    expect(sniffImageFormat(ftyp("mif1", "heic"))).toBe("heif");
    expect(sniffImageFormat(ftyp("mif1", "miaf"))).toBe("heif");
    expect(sniffImageFormat(ftyp("mif1", "avif", "miaf"))).toBe("avif");
    expect(sniffImageFormat(ftyp("isom", "mp41"))).toBe("unknown"); // an MP4 video
  });

  it("names PDF, SVG and anything else, including empty or tiny input", () => {
    expect(sniffImageFormat(new TextEncoder().encode("%PDF-1.7\n"))).toBe("pdf");
    expect(sniffImageFormat(new TextEncoder().encode('  <svg xmlns="http://www.w3.org/2000/svg">'))).toBe("svg");
    expect(sniffImageFormat(new TextEncoder().encode("hello"))).toBe("unknown");
    expect(sniffImageFormat(new Uint8Array(0))).toBe("unknown");
    expect(sniffImageFormat(new Uint8Array([0xff]))).toBe("unknown");
  });
});

describe("unsupportedFormatMessage", () => {
  it("always names the accepted formats (a PDF's first page among them), and what the file was when known", () => {
    for (const f of ["tiff", "svg", "unknown"] as const) {
      expect(unsupportedFormatMessage(f)).toContain("JPEG, PNG, WebP, GIF, AVIF or HEIC");
      expect(unsupportedFormatMessage(f)).toContain("a PDF with the photo on its first page");
    }
    expect(unsupportedFormatMessage("unknown")).toMatch(/^This file is not a photo the console can open\./);
    expect(unsupportedFormatMessage("unknown", "application/zip")).toContain("(application/zip)");
  });
});
