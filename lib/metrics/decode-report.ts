import "server-only";
import { z } from "zod";
import { parseInput } from "@/lib/errors";
import { metrics } from "./metrics";

/** What an agent's browser reports after a decode: the outcome, the engine and the time; never image data or text. */
export const decodeReportSchema = z.object({
  result: z.enum(["found", "not-found", "cancelled", "unsupported"]),
  engine: z.enum(["jsqr", "zxing", "none"]).default("none"),
  ms: z.number().min(0).max(600_000),
});

export type DecodeReport = z.output<typeof decodeReportSchema>;

/** Validates a report (bad input: a clear error, nothing counted) and counts it. */
export function recordDecodeReport(body: unknown): DecodeReport {
  const report = parseInput(decodeReportSchema, body);
  const m = metrics();
  m.decodeReports.inc({ result: report.result, engine: report.result === "found" ? report.engine : "none" });
  m.decodeDuration.observe({ result: report.result }, report.ms / 1000);
  return report;
}
