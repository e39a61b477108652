// The challenge in plain words, for the agent's screen and the customer's email. Browser-safe.
import type { FieldDescription, Rp1Challenge } from "./types";

/** Serial, model, MAC (AA:BB:CC:DD:EE:FF), firmware, key version and recorder time (ISO, UTC). */
export function describeChallenge(challenge: Pick<Rp1Challenge, "fields">): FieldDescription[] {
  const { fields } = challenge;
  return [
    { field: "s", label: "Serial number", value: fields.s },
    { field: "p", label: "Model", value: fields.p },
    { field: "m", label: "MAC address", value: formatMac(fields.m) },
    { field: "f", label: "Firmware", value: fields.f },
    { field: "v", label: "Key version", value: fields.v },
    { field: "t", label: "Recorder time", value: formatRecorderTime(fields.t) },
  ];
}

function formatMac(mac: string): string {
  return mac.match(/.{1,2}/g)?.join(":") ?? mac;
}

// "2025-11-21T12:00:00Z": whole seconds, so the milliseconds of toISOString are noise.
function formatRecorderTime(t: string): string {
  const date = new Date(Number(t) * 1000);
  return Number.isNaN(date.getTime()) ? t : date.toISOString().replace(".000Z", "Z");
}
