// The app side of `npm run bench:live`: the console's live-update code (LiveHub, the
// per-instance listener, liveEventStream, readSession) behind a bare Node HTTP server, so the
// bench measures what the stream costs without a Next build. The session comes from a cookie
// holding the session id (the real route reads it from the next-auth JWT; the same readSession
// then decides). Also answers /cpu with this process's CPU time, for the bench's ratios.
import http from "node:http";
import { Readable } from "node:stream";
import { readSession } from "@/lib/auth/read-session";
import { getDb } from "@/lib/db/client";
import { liveEventStream } from "@/lib/live/event-stream";
import { liveHub } from "@/lib/live/live-hub";

const port = Number(process.env.LIVE_BENCH_PORT ?? 0);
const db = getDb();

function sessionId(request: http.IncomingMessage): string | null {
  const match = /(?:^|;\s*)sid=([0-9a-f-]{36})/.exec(request.headers.cookie ?? "");
  return match?.[1] ?? null;
}

async function events(request: http.IncomingMessage, response: http.ServerResponse) {
  const sid = sessionId(request);
  const user = sid ? await readSession(db, sid, { touch: true }) : null;
  if (!user) {
    response.writeHead(401).end();
    return;
  }
  const abort = new AbortController();
  response.on("close", () => abort.abort());
  const stream = liveEventStream({ db, hub: liveHub(db), user, signal: abort.signal });
  response.writeHead(stream.status, Object.fromEntries(stream.headers));
  response.flushHeaders();
  Readable.fromWeb(stream.body! as Parameters<typeof Readable.fromWeb>[0])
    .on("error", () => response.destroy())
    .pipe(response);
}

const server = http.createServer((request, response) => {
  if (request.url === "/api/v1/events") {
    events(request, response).catch(() => response.destroy());
  } else if (request.url === "/cpu") {
    const { user, system } = process.cpuUsage();
    response.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ cpuMs: (user + system) / 1000, subscribers: liveHub(db).size }));
  } else {
    response.writeHead(404).end();
  }
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : port })}\n`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void liveHub(db)
      .close()
      .finally(() => process.exit(0));
  });
}
