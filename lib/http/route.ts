import "server-only";
import { auditTokenCall, authenticateApiToken, RateLimitedError, type TokenUser } from "@/lib/api-tokens/authenticate-api-token";
import type { ApiScope } from "@/lib/api-tokens/scopes";
import { bearerToken } from "@/lib/api-tokens/token-secret";
import { requireUser, type SessionUser } from "@/lib/auth/guard";
import { unstable_rethrow } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { databaseErrorCode, databaseUnavailable } from "@/lib/db/database-errors";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { logger, withLogContext } from "@/lib/log";
import { metrics, secondsSince } from "@/lib/metrics/metrics";
import { clientIp } from "./client-ip";
import { assertNotCrossSite } from "./same-origin";
import { reportUnexpectedError, unexpectedErrorMessage } from "./unexpected-error";

/** The body a route takes unless it says otherwise: JSON forms are a few kilobytes. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export type RouteOptions = {
  /** Largest body accepted, in bytes (DEFAULT_BODY_LIMIT). */
  bodyLimit?: number;
  /** Hand the body on as a stream (capped at bodyLimit as it is read) instead of reading it first: uploads. */
  streamBody?: boolean;
  /** Only the second-factor routes (passkey sign-in): answer while the session's factor is pending. */
  allowPendingFactor?: boolean;
  /**
   * The API token scope this route needs. Only a route that declares one accepts
   * `Authorization: Bearer rc_…`; every other route refuses a token outright.
   */
  scope?: ApiScope;
};

/** Headers a browser adds on the user's behalf: a token request carries none of their authority. */
const BROWSER_AUTHORITY = ["cookie", "origin", "sec-fetch-site", "sec-fetch-mode", "sec-fetch-dest", "sec-fetch-user"];

function withoutBrowserAuthority(request: Request): Headers {
  const headers = new Headers(request.headers);
  for (const name of BROWSER_AUTHORITY) headers.delete(name);
  return headers;
}

const tooLarge = (limit: number) => new AppError("TOO_LARGE", `The request body is larger than the ${Math.round(limit / 1024)} KiB this endpoint accepts.`);

/** The body as a stream that fails with TOO_LARGE once more than `limit` bytes have passed. */
function cappedStream(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > limit) {
        controller.error(tooLarge(limit));
        await reader.cancel();
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * The request with its body limited before anyone parses it: a declared Content-Length over the
 * limit is refused unread, and what arrives is counted as it streams (a missing or false length
 * gains nothing). Unless the route streams, the body is read here, so a handler's
 * `request.json()` never sees more than the limit.
 */
async function limitBody(request: Request, options: RouteOptions, headers?: Headers): Promise<Request> {
  if (!request.body) return headers ? new Request(request, { headers }) : request;
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const stream = cappedStream(request.body, limit);
  if (options.streamBody) return new Request(request, { body: stream, duplex: "half", headers } as RequestInit);
  const bytes = await new Response(stream).arrayBuffer();
  return new Request(request, { body: bytes, headers });
}

function declaredTooLarge(request: Request, options: RouteOptions): boolean {
  const length = Number(request.headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > (options.bodyLimit ?? DEFAULT_BODY_LIMIT);
}

/** The caller's X-Request-Id when it is a plain token (a proxy's), else a fresh one. */
function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : crypto.randomUUID();
}

/**
 * A route handler that refuses cross-site browser requests and oversized bodies, checks session
 * and role itself before doing anything else, and turns typed
 * errors into JSON with the right status (never a stack trace). Every line logged while it runs
 * carries the route, the request id and, once known, the user id; an unexpected error is logged
 * once and answered with a 500 whose body carries only its `errorId`.
 */
export function guardedRoute<C>(
  minimum: Role,
  what: string,
  handler: (request: Request, user: SessionUser, context: C) => Promise<Response>,
  options: RouteOptions = {},
) {
  return route<C>(minimum, what, handler as (request: Request, user: SessionUser | null, context: C) => Promise<Response>, options);
}

/**
 * A route anyone may call, because what it answers is no secret and its body carries its own
 * proof (the passwordless sign-in's WebAuthn challenge): the same cross-site refusal, body
 * limit, errors and logging as guardedRoute, without a session.
 */
export function publicRoute<C>(what: string, handler: (request: Request, context: C) => Promise<Response>, options: RouteOptions = {}) {
  return route<C>(null, what, (request, _user, context) => handler(request, context), options);
}

function route<C>(
  minimum: Role | null,
  what: string,
  handler: (request: Request, user: SessionUser | null, context: C) => Promise<Response>,
  options: RouteOptions,
) {
  return (request: Request, context: C): Promise<Response> => {
    const requestId = requestIdOf(request);
    const started = performance.now();
    return withLogContext({ route: what, requestId }, async () => {
      const caller: { userId?: string } = {};
      const response = await answer(request, context, caller);
      const seconds = secondsSince(started);
      const outcome = `${Math.floor(response.status / 100)}xx`;
      metrics().httpDuration.observe({ route: what, outcome }, seconds);
      logger({ component: "http", ...caller }).info({ status: response.status, durationMs: Math.round(seconds * 1000) }, "request answered");
      return withRequestId(response, requestId);
    });
  };

  async function answer(request: Request, context: C, caller: { userId?: string }): Promise<Response> {
    let userId: string | undefined;
    let tokenUser: TokenUser | undefined;
    let response: Response;
    try {
      const bearer = bearerToken(request.headers);
      if (bearer === null) assertNotCrossSite(request);
      if (declaredTooLarge(request, options)) throw tooLarge(options.bodyLimit ?? DEFAULT_BODY_LIMIT);
      if (bearer !== null) {
        // A token request: no session is read and no cookie passes, so the same-origin check has nothing to protect.
        if (!options.scope || !minimum) throw new AppError("UNAUTHENTICATED", "This endpoint does not accept API tokens: it is for the console only.");
        tokenUser = await authenticateApiToken({
          db: getDb(),
          token: bearer,
          scope: options.scope,
          minimum,
          what,
          ip: clientIp(request.headers),
          ratePerMinute: env().API_TOKEN_RATE_PER_MINUTE,
        });
        const user = tokenUser;
        userId = caller.userId = user.id;
        const limited = await limitBody(request, options, withoutBrowserAuthority(request));
        response = await withLogContext({ userId, tokenId: user.token.id }, () => handler(limited, user, context));
      } else {
        const user = minimum ? await requireUser(minimum, what, { allowPendingFactor: options.allowPendingFactor }) : null;
        if (user) userId = caller.userId = user.id;
        const limited = await limitBody(request, options);
        response = await withLogContext({ userId }, () => handler(limited, user, context));
      }
    } catch (e) {
      unstable_rethrow(e);
      response = errorResponse(e, userId);
    }
    if (tokenUser) {
      try {
        await auditTokenCall(getDb(), tokenUser, { what, status: response.status });
      } catch (e) {
        logger({ component: "http" }).error({ err: e }, "the token call was answered but its audit event could not be written");
      }
    }
    return response;
  }

  function errorResponse(e: unknown, userId: string | undefined): Response {
    if (e instanceof RateLimitedError) {
      return Response.json({ error: e.code, message: e.message }, { status: e.status, headers: { "Retry-After": String(e.retryAfterSeconds) } });
    }
    if (isAppError(e)) return Response.json({ error: e.code, message: e.message, fieldErrors: e.fieldErrors }, { status: e.status });
    const unavailable = databaseUnavailable(e);
    if (unavailable) {
      logger({ component: "http" }).warn({ databaseCode: databaseErrorCode(e) }, "database unavailable: the request changed nothing");
      return Response.json({ error: unavailable.code, message: unavailable.message }, { status: unavailable.status, headers: { "Retry-After": "30" } });
    }
    const errorId = reportUnexpectedError(e, { what: `route ${what}`, userId });
    return Response.json({ error: "INTERNAL", message: unexpectedErrorMessage(errorId), errorId }, { status: 500 });
  }
}

/** The request id goes back to the caller, so a support request can quote it. */
function withRequestId(response: Response, requestId: string): Response {
  try {
    response.headers.set("X-Request-Id", requestId);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect response): copy once.
    const copy = new Response(response.body, response);
    copy.headers.set("X-Request-Id", requestId);
    return copy;
  }
}
