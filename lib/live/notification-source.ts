import "server-only";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { embeddedPglite, type Db } from "@/lib/db/client";
import { databaseConfig } from "@/lib/db/config";
import { TICKET_EVENTS_CHANNEL } from "./ticket-event";

/**
 * Where an app instance hears the database's ticket notifications: ONE listening connection per
 * instance, whatever the number of browsers. `start` resolves once LISTEN is in place (a change
 * committed after that is heard); the function it returns stops listening. `onResumed` is called
 * after the connection was lost and listens again: what was committed in between was not heard.
 */
export type NotificationSource = {
  start(onPayload: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>>;
};

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 15_000;

/**
 * PostgreSQL: a dedicated pg.Client (LISTEN holds its connection, so it cannot come from the
 * pool). When the connection drops it reconnects with backoff; changes made while it was down are
 * not replayed, so `onResumed` lets the streams tell their browsers to catch up.
 */
export function postgresNotificationSource(url: string, channel = TICKET_EVENTS_CHANNEL): NotificationSource {
  return {
    async start(onPayload, onResumed) {
      let client: pg.Client | null = null;
      let stopped = false;
      let delay = RECONNECT_MIN_MS;
      let retry: NodeJS.Timeout | null = null;

      const quietEnd = (dead: pg.Client) => {
        dead.removeAllListeners();
        dead.on("error", () => undefined);
        dead.end().catch(() => undefined);
      };
      const scheduleReconnect = () => {
        if (stopped || retry) return;
        retry = setTimeout(() => {
          retry = null;
          connect().then(
            () => {
              delay = RECONNECT_MIN_MS;
              if (client) onResumed?.();
            },
            () => {
              delay = Math.min(delay * 2, RECONNECT_MAX_MS);
              scheduleReconnect();
            },
          );
        }, delay);
      };
      const drop = (dead: pg.Client) => {
        if (client !== dead) return;
        client = null;
        quietEnd(dead);
        console.error("live: the listening connection dropped; reconnecting");
        scheduleReconnect();
      };
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: url, application_name: "reset-console-live" });
        next.on("notification", (message) => {
          if (message.channel === channel && message.payload) onPayload(message.payload);
        });
        next.on("error", () => drop(next));
        next.on("end", () => drop(next));
        try {
          await next.connect();
          await next.query(`LISTEN ${channel}`);
        } catch (e) {
          quietEnd(next);
          throw e;
        }
        if (stopped) quietEnd(next);
        else client = next;
      };

      await connect();
      return async () => {
        stopped = true;
        if (retry) clearTimeout(retry);
        const last = client;
        client = null;
        if (last) quietEnd(last);
      };
    },
  };
}

/** Embedded PGlite: its own listen() on the very instance the app's client queries. */
export function pgliteNotificationSource(pglite: PGlite, channel = TICKET_EVENTS_CHANNEL): NotificationSource {
  return {
    async start(onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
  };
}

/** The source for the app's database: the PGlite behind `db`, else the configured PostgreSQL. */
export function notificationSourceFor(db: Db): NotificationSource {
  const pglite = embeddedPglite(db);
  if (pglite) return pgliteNotificationSource(pglite);
  const config = databaseConfig();
  if (config.engine !== "postgresql") throw new Error("live updates: the embedded database's client was not made by createDb");
  return postgresNotificationSource(config.url);
}
