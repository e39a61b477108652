import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";
import { liveEventStream } from "@/lib/live/event-stream";
import { liveHub } from "@/lib/live/live-hub";

// A long-lived stream per open console: never cached, never prerendered, on Node (it holds the
// instance's listening connection).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Server-sent events: the changes to tickets this user may see, and their nav badge counts. */
export const GET = guardedRoute("AGENT", "api:GET /api/v1/events", async (request, user) => {
  const db = getDb();
  return liveEventStream({ db, hub: liveHub(db), user, signal: request.signal });
});
