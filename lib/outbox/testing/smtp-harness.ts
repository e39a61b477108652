import type { MailSink } from "../mail-sink";
import { createSmtpTransport, type SmtpTransport } from "../smtp-transport";
import { startSmtpTestListener } from "./smtp-test-listener";

/** SMTP sinks and in-process listeners for one test file, all closed by `closeAll` (afterEach). */
export function smtpHarness() {
  const transports: SmtpTransport[] = [];
  const closers: (() => Promise<void>)[] = [];
  return {
    sink(url: string): MailSink {
      const transport = createSmtpTransport(url);
      transports.push(transport);
      return { kind: "smtp", transport };
    },
    async listener(options: Parameters<typeof startSmtpTestListener>[0] = {}) {
      const l = await startSmtpTestListener(options);
      closers.push(l.close);
      return l;
    },
    async closeAll() {
      for (const transport of transports.splice(0)) transport.close();
      for (const close of closers.splice(0)) await close();
    },
  };
}
