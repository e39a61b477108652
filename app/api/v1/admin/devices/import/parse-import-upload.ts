import { DEVICE_IMPORT_UPLOAD } from "@/lib/devices/import/upload-protocol";
import { AppError, parseInput } from "@/lib/errors";
import { importOptionsSchema } from "@/lib/validation/devices";

const DEFAULT_FILE_NAME = "upload.csv";
const FILE_NAME_MAX = 255;

function percentDecoded(request: Request, header: string): string | undefined {
  const raw = request.headers.get(header);
  if (raw === null) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new AppError("INVALID_INPUT", `The ${header} header must be percent-encoded UTF-8.`);
  }
}

/** The body as it arrives; leaving early (a refused header, the size cap) cancels the rest of the upload. */
async function* bodyChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The import's options (query string and headers, validated like the old form) and its body stream. */
export function parseImportUpload(request: Request) {
  const query = new URL(request.url).searchParams;
  const options = parseInput(importOptionsSchema, {
    mode: query.get("mode"),
    allowOwnerChanges: query.get("allowOwnerChanges") ?? undefined,
    stepUpCode: percentDecoded(request, DEVICE_IMPORT_UPLOAD.stepUpHeader),
  });
  const length = request.headers.get("content-length");
  const declaredBytes = length === null || !Number.isFinite(Number(length)) ? null : Number(length);
  if (!request.body || declaredBytes === 0) throw new AppError("INVALID_INPUT", "Choose a CSV file.", { file: ["Choose a CSV file."] });
  const fileName = percentDecoded(request, DEVICE_IMPORT_UPLOAD.fileNameHeader)?.trim().slice(0, FILE_NAME_MAX) || DEFAULT_FILE_NAME;
  return {
    dryRun: options.mode === "dry-run",
    allowOwnerChanges: options.allowOwnerChanges,
    stepUpCode: options.stepUpCode,
    fileName,
    declaredBytes,
    source: bodyChunks(request.body),
  };
}
