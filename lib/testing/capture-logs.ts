import { onTestFinished } from "vitest";
import { setLogSinkForTests } from "@/lib/log";

export type LogEntry = { level: string; msg: string; err?: { type: string; message: string; stack?: string }; [key: string]: unknown };

/**
 * Every log line written during the current test, at every level, instead of stdout/stderr:
 * `lines` holds the raw JSON (scan it for secrets), `entries()` the parsed objects. Ends with the test.
 */
export function captureLogs(): { lines: string[]; entries: () => LogEntry[] } {
  const lines: string[] = [];
  setLogSinkForTests((line) => void lines.push(line));
  onTestFinished(() => setLogSinkForTests(undefined));
  return { lines, entries: () => lines.map((line) => JSON.parse(line) as LogEntry) };
}
