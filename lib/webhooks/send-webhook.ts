import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { classifyAddress } from "./destination";

export type FailureClass = "destination_refused" | "timeout" | "network" | "http_3xx" | "http_4xx" | "http_5xx";

export type SendOutcome = { ok: true; status: number } | { ok: false; failure: FailureClass; status: number | null; error: string };

export class DestinationRefused extends Error {
  constructor(
    readonly address: string,
    readonly addressClass: string,
  ) {
    super(`the destination resolves to a ${addressClass} address (${address}), which webhooks may not reach unless an admin allowlists it`);
  }
}

/** The address a connection may use, or a DestinationRefused naming why not. */
function checkAddress(address: string, allowed: (address: string) => boolean): DestinationRefused | null {
  const cls = classifyAddress(address);
  return cls === "public" || allowed(address) ? null : new DestinationRefused(address, cls);
}

/**
 * A DNS lookup that refuses private, loopback and link-local answers: the check is on the address
 * the socket then connects to (no second lookup an attacker's DNS could answer differently).
 */
function guardedLookup(allowed: (address: string) => boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      for (const entry of addresses) {
        const refused = checkAddress(entry.address, allowed);
        if (refused) return callback(refused, "", 4);
      }
      if (!addresses.length) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" }), "", 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * POSTs one signed message. Redirects are never followed (a 3xx is a failure), the answer's body
 * is not read beyond its status, and the whole attempt is bounded by `timeoutMs`.
 */
export function sendWebhook(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowed: (address: string) => boolean;
}): Promise<SendOutcome> {
  const url = new URL(options.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An address literal is connected to without a lookup: check it here.
  if (isIP(host)) {
    const refused = checkAddress(host, options.allowed);
    if (refused) return Promise.resolve({ ok: false, failure: "destination_refused", status: null, error: refused.message });
  }
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(options.body)) },
        lookup: guardedLookup(options.allowed),
        agent: false,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        if (status >= 200 && status < 300) return done({ ok: true, status });
        const failure: FailureClass = status >= 500 ? "http_5xx" : status >= 400 ? "http_4xx" : "http_3xx";
        done({ ok: false, failure, status, error: `the endpoint answered ${status}` });
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      done({ ok: false, failure: "timeout", status: null, error: `no answer within ${options.timeoutMs} ms` });
    }, options.timeoutMs);
    request.on("error", (error) => {
      if (error instanceof DestinationRefused) return done({ ok: false, failure: "destination_refused", status: null, error: error.message });
      const code = (error as NodeJS.ErrnoException).code;
      done({ ok: false, failure: "network", status: null, error: code ? `network error ${code}` : "network error" });
    });
    request.end(options.body);
  });
}
