import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

function siteOrigins(request: Request): string[] {
  const origins = [new URL(request.url).origin];
  // lib/env has checked that NEXTAUTH_URL, when set, is an http(s) URL.
  const publicUrl = env().NEXTAUTH_URL;
  if (publicUrl) origins.push(new URL(publicUrl).origin);
  // The origin passkeys are bound to (WEBAUTHN_ORIGIN) is the console's too, when it differs.
  const webAuthnOrigin = env().WEBAUTHN_ORIGIN;
  if (webAuthnOrigin) origins.push(new URL(webAuthnOrigin).origin);
  return origins;
}

/**
 * Cookie-authenticated endpoints accept only same-origin requests: a browser on another site
 * cannot make a user's session send a code or import a file (CSRF), whatever its SameSite
 * setting. An Origin, when a browser sends one, must be this site's, and so must Sec-Fetch-Site;
 * the body must be `contentType` (JSON by default), which a cross-site form cannot send: a
 * browser preflights it, and nothing here answers a preflight.
 */
export function assertSameOrigin(request: Request, contentType = "application/json"): void {
  assertNotCrossSite(request);
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== contentType) {
    throw new AppError(
      "INVALID_INPUT",
      contentType === "application/json"
        ? "Send JSON (Content-Type: application/json)."
        : `Send the file's bytes as the body, with Content-Type: ${contentType}.`,
    );
  }
}

/**
 * No request a browser makes on behalf of another site: an Origin, when sent, must be this
 * site's, and Sec-Fetch-Site, when sent, must be `same-origin` or `none` (typed in the address
 * bar, a bookmark). guardedRoute applies it to every route, GET included, so a link or a
 * top-level navigation from another site cannot make a signed-in supervisor run an audited
 * verify or export. A client that sends neither header (curl, a script) is not a browser acting
 * for someone else.
 */
export function assertNotCrossSite(request: Request): void {
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if ((origin && !siteOrigins(request).includes(origin)) || (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")) {
    throw new AppError("FORBIDDEN", "Cross-origin requests are not accepted.");
  }
}
