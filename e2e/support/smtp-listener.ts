import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server on loopback that keeps each message as a file, so specs in any worker
 * process can read what the console sent. `failNext` lets a spec simulate a mail server outage.
 */
export function startSmtpListener(options: { port: number; dir: string }) {
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  let counter = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const id = `${Date.now()}-${process.pid}-${String(counter++).padStart(6, "0")}`; // names sort oldest first
        const envelope = { from: session.envelope.mailFrom && session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) };
        writeFileSync(path.join(options.dir, `${id}.json`), JSON.stringify(envelope));
        writeFileSync(path.join(options.dir, `${id}.eml`), Buffer.concat(chunks));
        callback();
      });
    },
  });
  return new Promise<SMTPServer>((resolve) => server.listen(options.port, "127.0.0.1", () => resolve(server)));
}
