import jsQR from "jsqr";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { consoleCode, freshNonce, IDENTITY, DEVICE_KEY, newRecorder, T0 } from "@/lib/recorder/testing/recorder-fixtures";
import { press } from "@/lib/recorder";
import { buildSimulatorView } from "./build-simulator-view";
import { QR_SIZE_PX } from "./constants";
import type { SimulatorEnvelope } from "./types";

function retrieveEnvelope(): SimulatorEnvelope {
  const forgot = press(newRecorder(), { type: "forgot-password" }).state;
  const { state } = press(forgot, { type: "submit-email", now: T0, email: IDENTITY.reservedEmail, deviceKey: () => DEVICE_KEY, nonceBytes: freshNonce() });
  return { state, source: "registered", notice: null };
}

async function decodePng(dataUrl: string): Promise<string | null> {
  const png = Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64");
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data ?? null;
}

describe("buildSimulatorView", () => {
  it("shows the challenge only as a crisp, decodable QR of at least 320 px", async () => {
    const envelope = retrieveEnvelope();
    const view = await buildSimulatorView({ envelope, now: T0 });
    expect(view.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(view.qrSizePx).toBeGreaterThanOrEqual(QR_SIZE_PX);
    expect(await decodePng(view.qrDataUrl!)).toBe(envelope.state.challenge?.url);
  });

  it("never carries the admin password, the reserved email, the code or the raw challenge", async () => {
    const envelope = retrieveEnvelope();
    const view = await buildSimulatorView({ envelope, now: T0 });
    const json = JSON.stringify({ ...view, qrDataUrl: null });
    expect(json).not.toContain(envelope.state.adminPassword);
    expect(json.toLowerCase()).not.toContain(IDENTITY.reservedEmail.toLowerCase());
    expect(json).not.toContain(consoleCode(envelope.state));
    expect(json).not.toContain(envelope.state.challenge!.nonce);
    expect(Object.keys(view)).not.toContain("challenge");
  });

  it("has no QR away from the Retrieve Password screen, and reports a lockout only while it runs", async () => {
    const login = await buildSimulatorView({ envelope: { state: newRecorder(), source: "bench", notice: null }, now: T0 });
    expect(login.qrDataUrl).toBeNull();
    const lockedState = { ...retrieveEnvelope().state, lockedUntilMs: T0 + 1000 };
    expect((await buildSimulatorView({ envelope: { state: lockedState, source: "bench", notice: null }, now: T0 })).lockedUntilMs).toBe(T0 + 1000);
    expect((await buildSimulatorView({ envelope: { state: lockedState, source: "bench", notice: null }, now: T0 + 1000 })).lockedUntilMs).toBeNull();
  });
});
