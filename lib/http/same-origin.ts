import { AppError } from "@/lib/errors";

/**
 * Cookie-authenticated JSON endpoints accept only same-origin requests: a browser on another
 * site cannot make a user's session send a code (CSRF), whatever its SameSite setting.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== process.env.NEXTAUTH_URL?.replace(/\/$/, "")) {
    throw new AppError("FORBIDDEN", "Cross-origin requests are not accepted.");
  }
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    throw new AppError("INVALID_INPUT", "Send JSON (Content-Type: application/json).");
  }
}
