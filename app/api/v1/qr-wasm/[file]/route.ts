import { readFile } from "node:fs/promises";
import path from "node:path";
import { guardedRoute } from "@/lib/http/route";
import { QR_WASM_FILES, type QrWasmFile } from "@/lib/qr/wasm-assets";

/**
 * The decode worker's WebAssembly (zxing-cpp, libheif), served by the console itself from the
 * installed packages: no CDN, and the CSP needs only 'wasm-unsafe-eval'. Agents only (the worker
 * runs on console pages); cached by the browser for a day, revalidated by version.
 */
export const GET = guardedRoute("AGENT", "api:GET /api/v1/qr-wasm", async (_request: Request, _user, context: { params: Promise<{ file: string }> }) => {
  const { file } = await context.params;
  if (!Object.hasOwn(QR_WASM_FILES, file)) return Response.json({ error: "NOT_FOUND", message: "No such file." }, { status: 404 });
  const bytes = await readFile(path.join(process.cwd(), "node_modules", QR_WASM_FILES[file as QrWasmFile]));
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/wasm", "Cache-Control": "private, max-age=86400", "Content-Length": String(bytes.length) },
  });
});
