/**
 * How a device CSV travels to the import route; shared by the console form (browser) and the
 * route handler. The body is the file's raw bytes, so the server streams it without a multipart
 * parser, and a cross-site HTML form cannot send this content type (only a preflighted fetch can).
 */
export const DEVICE_IMPORT_UPLOAD = {
  path: "/api/v1/admin/devices/import",
  contentType: "text/csv",
  /** The file's name, percent-encoded (headers are Latin-1); for the report and the audit. */
  fileNameHeader: "X-File-Name",
  /** The step-up second-factor code (lib/auth/step-up.ts): a header, never the URL (proxies log URLs). */
  stepUpHeader: "X-Step-Up-Code",
  /** 200,000 rows are about 20 MB; the cap leaves room for long names without inviting abuse. */
  maxBytes: 50 * 1024 * 1024,
} as const;
