// Structured logging: one JSON object per line (pino), on stdout, errors on stderr. Context such
// as the request or action and the user id rides along on every line of a request (withLogContext)
// or is bound once (logger({ ... })). Never an email address, code, key, password or seed: known
// secret fields are censored by path, and error text goes through redactText.
// (No "server-only" marker: the plain tsx CLIs log through it too; node:async_hooks keeps it
// out of client bundles anyway.)
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type Logger } from "pino";
import { configuredSecrets, env, type Env } from "@/lib/env";
import { MAX_REDACTED_MESSAGE, redactText } from "@/lib/privacy/redact-text";

export type { Logger } from "pino";

/** What may describe a line: ids and names, never personal data or secrets. */
export type LogContext = {
  requestId?: string;
  action?: string;
  route?: string;
  userId?: string;
  component?: string;
  [key: string]: string | number | boolean | null | undefined;
};

/**
 * Fields censored wherever they appear (top level or one level down): a slip such as
 * `log.info({ user })` prints "[Redacted]" instead of the address or hash.
 */
export const REDACT_PATHS = [
  "password",
  "newPassword",
  "passwordHash",
  "secret",
  "token",
  "resetCode",
  "securityCode",
  "totpSecret",
  "totpSeed",
  "masterKey",
  "masterKeys",
  "key",
  "email",
  "ownerEmail",
  "to",
  "authorization",
  "cookie",
  "NEXTAUTH_SECRET",
  "RESET_MASTER_KEYS",
  "SMTP_URL",
  "DATABASE_URL",
].flatMap((field) => [field, `*.${field}`]);

const MAX_STACK = 4000;

/** pino's `err` serializer, redacted: type, message and stack with secrets and addresses scrubbed. */
export function serializeError(value: unknown): Record<string, string> {
  const secrets = safeSecrets();
  if (!(value instanceof Error)) return { type: typeof value, message: redactText(String(value), secrets).slice(0, MAX_REDACTED_MESSAGE) };
  const out: Record<string, string> = {
    type: value.name,
    message: redactText(value.message, secrets).slice(0, MAX_REDACTED_MESSAGE),
  };
  const code = (value as { code?: unknown }).code;
  if (typeof code === "string" && code.length <= 40) out.code = redactText(code, secrets);
  if (value.stack) out.stack = redactText(value.stack, secrets).slice(0, MAX_STACK);
  return out;
}

/** The configured secrets, or none when the configuration itself is what failed. */
function safeSecrets(): string[] {
  try {
    return configuredSecrets();
  } catch {
    return [];
  }
}

type Sink = (line: string, stream: "stdout" | "stderr") => void;

const holder = globalThis as unknown as {
  __resetConsoleLog?: Logger;
  __resetConsoleLogReadable?: boolean;
  __resetConsoleLogSink?: Sink;
  __resetConsoleLogContext?: AsyncLocalStorage<LogContext>;
};
holder.__resetConsoleLogContext ??= new AsyncLocalStorage<LogContext>();
const contextStore = holder.__resetConsoleLogContext;

function write(line: string, stream: "stdout" | "stderr"): void {
  if (holder.__resetConsoleLogSink) return holder.__resetConsoleLogSink(line, stream);
  (stream === "stderr" ? process.stderr : process.stdout).write(holder.__resetConsoleLogReadable ? readable(line) : line);
}

/** `next dev` only: "12:01:02 WARN outbox: … {"workerId":…}" instead of raw JSON. */
function readable(line: string): string {
  try {
    const { time, level, msg, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
    return `${String(time).slice(11, 19)} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? "")}${extra}\n`;
  } catch {
    return line;
  }
}

function createRootLogger(): Logger {
  let config: Env | undefined;
  try {
    config = env();
  } catch {
    // The configuration error itself must still be logged (instrumentation.ts): defaults here.
  }
  holder.__resetConsoleLogReadable = config?.NODE_ENV === "development";
  return pino(
    {
      level: config?.LOG_LEVEL ?? (config?.NODE_ENV === "test" ? "silent" : "info"),
      redact: { paths: REDACT_PATHS },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => contextStore.getStore() ?? {},
    },
    pino.multistream(
      [
        { level: "trace", stream: { write: (line: string) => write(line, "stdout") } },
        { level: "error", stream: { write: (line: string) => write(line, "stderr") } },
      ],
      { dedupe: true },
    ),
  );
}

/** The process's root logger, or a child carrying `context` on every line. */
export function logger(context?: LogContext): Logger {
  holder.__resetConsoleLog ??= createRootLogger();
  return context ? holder.__resetConsoleLog.child(context) : holder.__resetConsoleLog;
}

/** Runs `fn` with `context` added to every line logged inside it, across awaits (AsyncLocalStorage). */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return contextStore.run({ ...contextStore.getStore(), ...context }, fn);
}

/** The context of the current request or action, if any. */
export function currentLogContext(): LogContext {
  return contextStore.getStore() ?? {};
}

/**
 * Tests: send every line to `sink` at the given level (all by default) instead of stdout/stderr;
 * `undefined` restores the normal output and level.
 */
export function setLogSinkForTests(sink: Sink | undefined, level: pino.LevelWithSilent = "trace"): void {
  holder.__resetConsoleLogSink = sink;
  holder.__resetConsoleLog = undefined;
  if (sink) logger().level = level;
}
