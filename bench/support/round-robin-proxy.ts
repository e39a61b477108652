// A small local reverse proxy: requests go round-robin to the backends, with X-Forwarded-For
// appended as a real proxy would. No retries: a request to an instance that dies fails, as it
// would behind a plain load balancer, and the benchmark counts it; like nginx's max_fails, a
// backend that refused a connection is left out for a few seconds.
import http from "node:http";

export async function startProxy(port: number, backends: number[]): Promise<{ close(): Promise<void>; setBackends(next: number[]): void }> {
  let pool = [...backends];
  let next = 0;
  const downUntil = new Map<number, number>();
  const pick = () => {
    for (let tries = 0; tries < pool.length; tries++) {
      const candidate = pool[next++ % pool.length]!;
      if ((downUntil.get(candidate) ?? 0) <= Date.now()) return candidate;
    }
    return pool[next++ % pool.length]!;
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const server = http.createServer((request, response) => {
    const target = pick();
    const forwarded = [request.headers["x-forwarded-for"], request.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      { host: "127.0.0.1", port: target, method: request.method, path: request.url, headers: { ...request.headers, "x-forwarded-for": forwarded }, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      downUntil.set(target, Date.now() + 5000);
      if (!response.headersSent) response.writeHead(502).end("bad gateway");
      else response.destroy();
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    setBackends: (nextBackends) => (pool = [...nextBackends]),
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
