import { describe, expect, it } from "vitest";
import { parseImportUpload } from "./parse-import-upload";

function upload(query: string, headers: Record<string, string> = {}, body: string | null = "serial\n") {
  return new Request(`http://127.0.0.1:3000/api/v1/admin/devices/import?${query}`, {
    method: "POST",
    headers: { "content-type": "text/csv", ...headers },
    body,
  });
}

async function text(source: AsyncIterable<Uint8Array>) {
  let all = "";
  for await (const chunk of source) all += new TextDecoder().decode(chunk);
  return all;
}

describe("parseImportUpload", () => {
  it("reads the options from the query, the step-up code and file name from headers, and streams the body", async () => {
    const parsed = parseImportUpload(
      upload(
        "mode=import&allowOwnerChanges=on",
        { "x-step-up-code": encodeURIComponent("123 456"), "x-file-name": encodeURIComponent("Geräte März.csv") },
        "a,b\n1,2\n",
      ),
    );
    expect(parsed).toMatchObject({ dryRun: false, allowOwnerChanges: true, stepUpCode: "123 456", fileName: "Geräte März.csv", declaredBytes: null });
    expect(await text(parsed.source)).toBe("a,b\n1,2\n");
  });

  it("defaults to no owner changes and a generic file name", () => {
    expect(parseImportUpload(upload("mode=dry-run"))).toMatchObject({ dryRun: true, allowOwnerChanges: false, stepUpCode: undefined, fileName: "upload.csv" });
  });

  it("refuses an unknown mode, a bad header encoding and an empty body with field errors", () => {
    expect(() => parseImportUpload(upload("mode=write"))).toThrow(expect.objectContaining({ code: "INVALID_INPUT", fieldErrors: { mode: expect.any(Array) } }));
    expect(() => parseImportUpload(upload("mode=import", { "x-file-name": "%E0%A4%A" }))).toThrow("percent-encoded");
    expect(() => parseImportUpload(upload("mode=import", {}, null))).toThrow(expect.objectContaining({ fieldErrors: { file: ["Choose a CSV file."] } }));
    expect(() => parseImportUpload(upload("mode=import", { "x-step-up-code": "x".repeat(300) }))).toThrow(
      expect.objectContaining({ fieldErrors: { stepUpCode: expect.any(Array) } }),
    );
  });
});
