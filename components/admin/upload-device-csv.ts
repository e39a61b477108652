import type { DeviceImportReport } from "@/lib/devices/import/import-devices";
import { DEVICE_IMPORT_UPLOAD } from "@/lib/devices/import/upload-protocol";

export type ImportUploadState =
  | { kind: "report"; ok: boolean; message: string; report: DeviceImportReport }
  | { kind: "error"; message: string; fieldErrors?: Record<string, string[]> }
  | null;

const MAX_MB = DEVICE_IMPORT_UPLOAD.maxBytes / (1024 * 1024);

/** For answers without our JSON (a reverse proxy's error page, a dropped connection). */
const STATUS_MESSAGES: Record<number, string> = {
  401: "Your session has ended. Sign in again, then import the file again.",
  413: `The file is too large for the server. Files up to ${MAX_MB} MB are accepted; split larger ones.`,
  502: "The server could not be reached. Nothing was imported; try again shortly.",
  503: "The server could not be reached. Nothing was imported; try again shortly.",
  // A proxy may give up on a long import that still commits: say so rather than "nothing changed".
  504: "The server took too long to answer. A real import may still finish: check the devices list before trying again.",
};

const NETWORK_ERROR = "The upload did not get an answer (network error). Check the devices list before trying a real import again.";

function isReport(body: unknown): body is { ok: boolean; message: string; report: DeviceImportReport } {
  return typeof body === "object" && body !== null && "report" in body && "message" in body;
}

function isError(body: unknown): body is { message: string; fieldErrors?: Record<string, string[]> } {
  return typeof body === "object" && body !== null && typeof (body as { message?: unknown }).message === "string";
}

/**
 * Sends the chosen file's bytes to the import route (the browser streams a File body; nothing is
 * read into memory here) and turns every answer into something the form can show.
 */
export async function uploadDeviceCsv(options: { file: File; dryRun: boolean; allowOwnerChanges: boolean; stepUpCode: string }): Promise<ImportUploadState> {
  const { file, dryRun, allowOwnerChanges } = options;
  if (file.size === 0) return { kind: "error", message: "Choose a CSV file.", fieldErrors: { file: ["Choose a CSV file (this one is empty)."] } };
  if (file.size > DEVICE_IMPORT_UPLOAD.maxBytes) {
    return {
      kind: "error",
      message: `The file is larger than ${MAX_MB} MB. Split it into smaller files and import them one by one.`,
      fieldErrors: { file: [`At most ${MAX_MB} MB.`] },
    };
  }
  const query = new URLSearchParams({ mode: dryRun ? "dry-run" : "import" });
  if (allowOwnerChanges) query.set("allowOwnerChanges", "on");
  const headers: Record<string, string> = {
    "Content-Type": DEVICE_IMPORT_UPLOAD.contentType,
    [DEVICE_IMPORT_UPLOAD.fileNameHeader]: encodeURIComponent(file.name),
  };
  // Only a real import with owner changes asks for a recent second factor, so only that one carries the code.
  if (allowOwnerChanges && !dryRun && options.stepUpCode) headers[DEVICE_IMPORT_UPLOAD.stepUpHeader] = encodeURIComponent(options.stepUpCode);
  let response: Response;
  try {
    response = await fetch(`${DEVICE_IMPORT_UPLOAD.path}?${query}`, { method: "POST", headers, body: file, credentials: "same-origin", cache: "no-store" });
  } catch {
    return { kind: "error", message: NETWORK_ERROR };
  }
  const body: unknown = await response.json().catch(() => null);
  if (isReport(body)) return { kind: "report", ok: body.ok, message: body.message, report: body.report };
  if (isError(body)) return { kind: "error", message: body.message, fieldErrors: body.fieldErrors };
  return {
    kind: "error",
    message: STATUS_MESSAGES[response.status] ?? `The server answered ${response.status}. Check the devices list before trying a real import again.`,
  };
}
