import "server-only";
import { readSession } from "@/lib/auth/read-session";
import type { Db } from "@/lib/db/client";
import type { LiveHub, LiveViewer } from "./live-hub";
import { badgesFor, navCounts } from "./nav-counts";
import type { TicketEvent } from "./ticket-event";

/** A comment line this often keeps proxies from closing an idle stream; the session is re-read then too. */
export const HEARTBEAT_MS = 15_000;
/** Changes close together cost one recount. */
const COUNTS_DEBOUNCE_MS = 250;
/** How long the browser waits before reconnecting after the stream ends (its own backoff adds to it). */
const RETRY_MS = 3_000;

export const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
} as const;

type StreamUser = LiveViewer & { sessionId: string };

/**
 * One browser's server-sent events: `ready` once this instance listens, `ticket` for each change
 * the user may see, `counts` for the nav badges (all at first, then the ones a change moved),
 * `resync` when this instance's listener lost its connection for a while, and a heartbeat comment. The session is re-checked at every heartbeat without touching it: a signed
 * out, disabled or idle session ends the stream, and a changed role changes the filter at once.
 */
export function liveEventStream(options: { db: Db; hub: LiveHub; user: StreamUser; signal: AbortSignal; heartbeatMs?: number }): Response {
  const { db, hub, signal } = options;
  const viewer: LiveViewer = { id: options.user.id, role: options.user.role };
  const encoder = new TextEncoder();
  let cleanup: () => void = () => undefined;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | null = null;
      let countsTimer: NodeJS.Timeout | null = null;
      const pendingBadges = new Set<string>();

      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      const sendCounts = async (only?: readonly string[]) => {
        try {
          send("counts", await navCounts({ db, viewer, only }));
        } catch {
          // A failed recount leaves the badges as they were; the next change or refresh corrects them.
        }
      };
      const heartbeat = setInterval(() => {
        write(": heartbeat\n\n");
        readSession(db, options.user.sessionId, { touch: false }).then(
          (session) => (session ? (viewer.role = session.role) : cleanup()),
          () => undefined,
        );
      }, options.heartbeatMs ?? HEARTBEAT_MS);

      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        if (countsTimer) clearTimeout(countsTimer);
        unsubscribe?.();
        signal.removeEventListener("abort", cleanup);
        try {
          controller.close();
        } catch {
          // Already closed by the client.
        }
      };
      signal.addEventListener("abort", cleanup);

      const deliver = (event: TicketEvent) => {
        send("ticket", event);
        for (const href of badgesFor(viewer, event)) pendingBadges.add(href);
        if (pendingBadges.size === 0 || countsTimer) return;
        countsTimer = setTimeout(() => {
          countsTimer = null;
          const only = [...pendingBadges];
          pendingBadges.clear();
          void sendCounts(only);
        }, COUNTS_DEBOUNCE_MS);
      };

      write(`retry: ${RETRY_MS}\n\n`);
      try {
        const resync = () => {
          send("resync", {});
          void sendCounts();
        };
        const stop = await hub.subscribe({ viewer, deliver, resync });
        if (closed) stop();
        else unsubscribe = stop;
      } catch {
        console.error("live: could not start listening for ticket changes");
        cleanup();
        return;
      }
      send("ready", { heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS });
      await sendCounts();
    },
    cancel() {
      cleanup();
    },
  });
  if (signal.aborted) cleanup();
  return new Response(body, { headers: SSE_HEADERS });
}
