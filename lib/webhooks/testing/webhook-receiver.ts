import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: Headers; body: string; path: string };

/**
 * A local HTTP endpoint for webhook tests: records every request and answers with the next
 * scripted status (200 once the script runs out). Listens on an ephemeral port on 127.0.0.1.
 */
export async function startWebhookReceiver(script: number[] = []) {
  const received: ReceivedWebhook[] = [];
  const statuses = [...script];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers.set(name, value);
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8"), path: request.url ?? "/" });
      response.statusCode = statuses.shift() ?? 200;
      // A redirect points back at this receiver: a sender that followed it would show up as a second request.
      if (response.statusCode >= 300 && response.statusCode < 400) response.setHeader("location", "/followed-redirect");
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = "/hooks") => `http://127.0.0.1:${port}${path}`,
    received,
    script: (...more: number[]) => statuses.push(...more),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
