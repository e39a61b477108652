// A real SMTP server on loopback for the delivery tests: records what arrives (envelope and the
// parsed message) and can refuse messages the way a relay would.
import net from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { mailFrom: string | null; rcptTo: string[]; mail: ParsedMail };
/** Decides the answer to DATA: null accepts, otherwise the SMTP status and text to refuse with. */
export type Verdict = (raw: string) => { responseCode: number; message: string } | null;

/** A loopback port nothing listens on (yet), for "the relay is down". */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startSmtpTestListener(options: { port?: number; verdict?: Verdict } = {}) {
  const received: Received[] = [];
  let verdict = options.verdict ?? (() => null);
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const refusal = verdict(raw);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
        simpleParser(raw)
          .then((mail) => {
            received.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              mail,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    setVerdict(next: Verdict) {
      verdict = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
