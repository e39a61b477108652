import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook, verifyWebhook } from "./signature";

// The example published with the Standard Webhooks specification (and the reference libraries' tests).
const SPEC = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

const headersOf = (values: Record<string, string>) => new Headers(values);

describe("Standard Webhooks signature", () => {
  it("signs the specification's example exactly", () => {
    expect(signWebhook(SPEC)).toBe(SPEC.signature);
  });

  it("verifies the example, among several signatures, within the tolerance", () => {
    const headers = headersOf({ "webhook-id": SPEC.id, "webhook-timestamp": String(SPEC.timestamp), "webhook-signature": `v1,AAAA ${SPEC.signature}` });
    expect(verifyWebhook({ secret: SPEC.secret, headers, body: SPEC.body, nowSeconds: SPEC.timestamp + 60 })).toBe(true);
  });

  it("refuses a changed body, another id, a stale timestamp, another secret and another version", () => {
    const good = { "webhook-id": SPEC.id, "webhook-timestamp": String(SPEC.timestamp), "webhook-signature": SPEC.signature };
    const at = SPEC.timestamp;
    expect(verifyWebhook({ secret: SPEC.secret, headers: headersOf(good), body: '{"test": 2432232315}', nowSeconds: at })).toBe(false);
    expect(verifyWebhook({ secret: SPEC.secret, headers: headersOf({ ...good, "webhook-id": "msg_other" }), body: SPEC.body, nowSeconds: at })).toBe(false);
    expect(verifyWebhook({ secret: SPEC.secret, headers: headersOf(good), body: SPEC.body, nowSeconds: at + 301 })).toBe(false);
    expect(verifyWebhook({ secret: newWebhookSecret(), headers: headersOf(good), body: SPEC.body, nowSeconds: at })).toBe(false);
    const v2 = { ...good, "webhook-signature": SPEC.signature.replace("v1,", "v2,") };
    expect(verifyWebhook({ secret: SPEC.secret, headers: headersOf(v2), body: SPEC.body, nowSeconds: at })).toBe(false);
  });

  it("makes whsec_ secrets of 32 random bytes", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
