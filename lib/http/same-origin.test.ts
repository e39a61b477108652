import { afterEach, describe, expect, it, vi } from "vitest";
import { assertSameOrigin } from "./same-origin";

const URL_ = "http://127.0.0.1:3000/api/v1/admin/devices/import?mode=dry-run";

function post(headers: Record<string, string>) {
  return new Request(URL_, { method: "POST", headers, body: "x" });
}

/** The refusal, or null; `contentType` null checks the default (JSON). */
function refusal(request: Request, contentType: string | null = "text/csv") {
  try {
    assertSameOrigin(request, contentType ?? undefined);
    return null;
  } catch (e) {
    return { code: (e as { code: string }).code, status: (e as { status: number }).status };
  }
}

describe("assertSameOrigin", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("accepts this site's origin, the public URL's origin, or no Origin (not a browser)", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://console.example/");
    expect(refusal(post({ "content-type": "text/csv", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(refusal(post({ "content-type": "text/csv; charset=utf-8", origin: "https://console.example" }))).toBeNull();
    expect(refusal(post({ "content-type": "Text/CSV" }))).toBeNull();
  });

  it("refuses another origin, a null origin, and a browser saying the request is cross-site", () => {
    vi.stubEnv("NEXTAUTH_URL", "https://console.example");
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "https://console.example.evil.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of crossSite) {
      expect(refusal(post({ "content-type": "text/csv", ...headers }))).toEqual({ code: "FORBIDDEN", status: 403 });
    }
  });

  it("refuses what a cross-site form can send without a preflight", () => {
    for (const type of ["application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain"]) {
      expect(refusal(post({ "content-type": type }))).toEqual({ code: "INVALID_INPUT", status: 400 });
    }
    expect(refusal(new Request(URL_, { method: "POST" }))).toEqual({ code: "INVALID_INPUT", status: 400 });
  });

  it("takes JSON by default, as the ticket API sends it", () => {
    expect(refusal(new Request(URL_, { method: "POST", headers: { "content-type": "application/json; charset=utf-8" }, body: "{}" }), null)).toBeNull();
    expect(refusal(post({ "content-type": "text/csv" }), null)).toEqual({ code: "INVALID_INPUT", status: 400 });
    expect(
      refusal(new Request(URL_, { method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "cross-site" }, body: "{}" }), null),
    ).toEqual({ code: "FORBIDDEN", status: 403 });
  });
});
