// Test mail: QR photos of fresh challenges and raw RFC 5322 messages (nodemailer's composer).
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import QRCode from "qrcode";
import sharp from "sharp";

/** A phone-like JPEG of a QR code holding `text`: the code on a grey desk, slightly small in the frame. */
export async function qrPhoto(text: string, options: { format?: "jpeg" | "png" | "webp"; size?: number } = {}): Promise<Buffer> {
  const qr = await QRCode.toBuffer(text, { errorCorrectionLevel: "M", margin: 4, width: 480 });
  const size = options.size ?? 900;
  const image = sharp({ create: { width: size, height: Math.round(size * 0.75), channels: 3, background: { r: 150, g: 150, b: 145 } } }).composite([
    { input: qr, top: Math.round(size * 0.1), left: Math.round(size * 0.2) },
  ]);
  const format = options.format ?? "jpeg";
  return format === "png" ? image.png().toBuffer() : format === "webp" ? image.webp({ quality: 90 }).toBuffer() : image.jpeg({ quality: 85 }).toBuffer();
}

/** A photo without any QR code. */
export async function blankPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 90, g: 120, b: 200 } } })
    .jpeg()
    .toBuffer();
}

export async function rawMessage(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}
