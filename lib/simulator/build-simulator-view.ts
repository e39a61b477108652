import "server-only";
import { renderChallengeQr } from "./render-challenge-qr";
import type { SimulatorEnvelope, SimulatorView } from "./types";

export interface BuildSimulatorViewOptions {
  readonly envelope: SimulatorEnvelope;
  /** Real time in ms. */
  readonly now: number;
}

/**
 * What the page may hand to the browser. Picks fields one by one (never spreads the state), so
 * the admin password and the reserved email cannot slip through; the challenge leaves only as
 * the QR image the recorder shows anyway.
 */
export async function buildSimulatorView({ envelope, now }: BuildSimulatorViewOptions): Promise<SimulatorView> {
  const { state } = envelope;
  const qr = state.screen === "retrieve" && state.challenge ? await renderChallengeQr(state.challenge.url) : null;
  return {
    screen: state.screen,
    source: envelope.source,
    serial: state.identity.serial,
    model: state.identity.model,
    firmware: state.identity.firmware,
    mac: state.identity.mac,
    clockOffsetMs: state.clockOffsetMs,
    renderedAtMs: now,
    lockedUntilMs: state.lockedUntilMs !== null && state.lockedUntilMs > now ? state.lockedUntilMs : null,
    notice: envelope.notice,
    qrDataUrl: qr?.dataUrl ?? null,
    qrSizePx: qr?.sizePx ?? null,
  };
}
