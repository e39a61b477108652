import "server-only";
import QRCode from "qrcode";
import { QR_ERROR_CORRECTION, QR_QUIET_ZONE_MODULES, QR_SIZE_PX } from "./constants";

export interface RenderedQr {
  /** data:image/png;base64,… */
  readonly dataUrl: string;
  /** Width = height in pixels. */
  readonly sizePx: number;
}

/**
 * The challenge URL as a PNG QR code, rendered on the server. A whole number of pixels per
 * module keeps every edge sharp (and a saved copy decodes in the console like a photo would).
 */
export async function renderChallengeQr(url: string): Promise<RenderedQr> {
  const modules = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION }).modules.size;
  const span = modules + 2 * QR_QUIET_ZONE_MODULES;
  const scale = Math.max(1, Math.ceil(QR_SIZE_PX / span));
  const dataUrl = await QRCode.toDataURL(url, {
    errorCorrectionLevel: QR_ERROR_CORRECTION,
    margin: QR_QUIET_ZONE_MODULES,
    scale,
    type: "image/png",
    color: { dark: "#000000ff", light: "#ffffffff" },
  });
  return { dataUrl, sizePx: span * scale };
}
