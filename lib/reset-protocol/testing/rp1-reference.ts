// A deliberately independent, minimal RP1 implementation for tests: written straight from
// docs/protocol.md with node:crypto and BigInt, sharing no code with the library, so the vector
// tests do not check the library against itself.
import { createHmac } from "node:crypto";

const ALPHABET = "23456789ADEFGHJLMNQRTabdefhjmnrt";

export function referenceH(key: Uint8Array, label: string, msg: string): Buffer {
  const input = Buffer.concat([Buffer.from(label, "ascii"), Buffer.from([0]), Buffer.from(msg, "utf8")]);
  return createHmac("sha256", key).update(input).digest();
}

export function referenceDeviceKey(masterHex: string, serial: string): Buffer {
  return referenceH(Buffer.from(masterHex, "hex"), "RP1-device", serial);
}

export function referenceEmailHash(deviceKey: Uint8Array, email: string): string {
  return referenceH(deviceKey, "RP1-email", email.trim().toLowerCase()).subarray(0, 16).toString("base64url");
}

export function referenceCanonical(f: Record<"s" | "p" | "m" | "f" | "v" | "t" | "n" | "e", string>): string {
  return `RP1|${f.s}|${f.p}|${f.m}|${f.f}|${f.v}|${f.t}|${f.n}|${f.e}`;
}

export function referenceTag(deviceKey: Uint8Array, canonical: string): string {
  return referenceH(deviceKey, "RP1-qr", canonical).subarray(0, 16).toString("base64url");
}

export function referenceCode(deviceKey: Uint8Array, canonical: string): string {
  const bits = BigInt(`0x${referenceH(deviceKey, "RP1-code", canonical).subarray(0, 5).toString("hex")}`);
  let code = "";
  for (let shift = 35n; shift >= 0n; shift -= 5n) code += ALPHABET[Number((bits >> shift) & 31n)];
  return code;
}
