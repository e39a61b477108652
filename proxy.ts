import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
const CONSOLE_PATHS = ["/tickets", "/review", "/escalations", "/audit", "/admin", "/mailbox", "/account"];

/** A per-request nonce lets Next's own scripts run while anything injected does not. */
function contentSecurityPolicy(nonce: string): string {
  const dev = env().NODE_ENV !== "production";
  return [
    "default-src 'self'",
    // 'wasm-unsafe-eval': the QR readers (zxing-cpp, libheif) are WebAssembly; it allows compiling
    // wasm only, not eval of JavaScript. Their .wasm files come from the console itself (connect-src 'self').
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Two jobs only: set the CSP nonce, and send visitors without a session cookie to the sign-in
 * page. It decides nothing about access: every page, action and route checks the session and
 * role itself (middleware-only auth has been bypassed before, CVE-2025-29927).
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  const navigation = request.method === "GET" || request.method === "HEAD";
  // Only page navigations are redirected; server-action POSTs reach the action's own guard.
  if (navigation && !hasSession && CONSOLE_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = new URL("/login", request.url);
    url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  // One id per page request: in the server's log lines, the response header and the error page.
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : crypto.randomUUID();
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api|_next/static|_next/image|favicon.ico|robots.txt).*)" }],
};
