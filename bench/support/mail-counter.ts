// A real SMTP listener that counts what arrives by Message-ID, so a benchmark can say whether each
// email was delivered exactly once, and misbehave on request the way relays do (refuse, stall,
// hang up) for the fault scenarios.
import type { Socket } from "node:net";
import { SMTPServer } from "smtp-server";

export type RelayMode = "accept" | "refuse" | "stall" | "drop";

export type MailCounter = {
  /** Arrivals per Message-ID. */
  readonly byMessageId: Map<string, number>;
  /** Messages received, duplicates included. */
  received(): number;
  /** Message-IDs that arrived more than once. */
  duplicates(): string[];
  setMode(mode: RelayMode): void;
  close(): Promise<void>;
};

export async function startMailCounter(port: number): Promise<MailCounter> {
  const byMessageId = new Map<string, number>();
  let total = 0;
  let mode: RelayMode = "accept";
  const sockets = new Set<Socket>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    socketTimeout: 120_000,
    onConnect(session, callback) {
      if (mode === "refuse") return callback(Object.assign(new Error("Service temporarily unavailable"), { responseCode: 421 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (mode === "stall") return; // never answers: the sender's timeout must fire
        if (mode === "drop") {
          for (const socket of sockets) socket.destroy();
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? `(none ${total})`;
        byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
        total++;
        callback();
      });
    },
  });
  server.server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    byMessageId,
    received: () => total,
    duplicates: () => [...byMessageId].filter(([, n]) => n > 1).map(([id]) => id),
    setMode: (next) => (mode = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
