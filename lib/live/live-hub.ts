import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";
import { getDb, type Db } from "@/lib/db/client";
import { notificationSourceFor, type NotificationSource } from "./notification-source";
import { eventVisibleTo, parseTicketEvent, type TicketEvent } from "./ticket-event";

/** A browser listening on this instance, as the filter sees it (the role can change while it listens). */
export type LiveViewer = { id: string; role: Role };
export type LiveSubscriber = {
  viewer: LiveViewer;
  deliver(event: TicketEvent): void;
  /** The listener was down for a while: changes may have been missed. */
  resync?(): void;
};

/**
 * The fan-out of one app instance: ONE listening connection (started with the first subscriber,
 * stopped with the last), and each committed change passed to the subscribers that may see the
 * ticket (`eventVisibleTo`, i.e. `canViewTicket`). Holds only the open streams of this process;
 * everything shared between instances travels through the database.
 */
export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private running: Promise<() => Promise<void>> | null = null;

  constructor(private readonly source: NotificationSource) {}

  get size(): number {
    return this.subscribers.size;
  }

  /** Resolves once the listener is in place; the function it returns unsubscribes. */
  async subscribe(subscriber: LiveSubscriber): Promise<() => void> {
    this.subscribers.add(subscriber);
    try {
      await this.ensureListening();
    } catch (e) {
      this.subscribers.delete(subscriber);
      throw e;
    }
    return () => this.unsubscribe(subscriber);
  }

  /** Delivers one notification's payload; exposed for the listener (and tests). Returns how many got it. */
  dispatch(payload: string): number {
    const event = parseTicketEvent(payload);
    if (!event) return 0;
    let delivered = 0;
    for (const subscriber of this.subscribers) {
      if (!eventVisibleTo(event, subscriber.viewer)) continue;
      delivered++;
      try {
        subscriber.deliver(event);
      } catch {
        // One broken stream must not keep the others from hearing the change.
      }
    }
    return delivered;
  }

  /** Tells every subscriber that changes may have been missed (after the listener reconnected). */
  resync(): void {
    for (const subscriber of this.subscribers) {
      try {
        subscriber.resync?.();
      } catch {
        // As in dispatch: one broken stream does not stop the others.
      }
    }
  }

  async close(): Promise<void> {
    this.subscribers.clear();
    await this.stopListening();
  }

  private ensureListening(): Promise<unknown> {
    if (!this.running) {
      const starting = this.source.start(
        (payload) => this.dispatch(payload),
        () => this.resync(),
      );
      this.running = starting;
      starting.catch(() => {
        if (this.running === starting) this.running = null;
      });
    }
    return this.running;
  }

  private unsubscribe(subscriber: LiveSubscriber) {
    if (!this.subscribers.delete(subscriber) || this.subscribers.size > 0) return;
    void this.stopListening();
  }

  private async stopListening() {
    const running = this.running;
    this.running = null;
    if (!running) return;
    const stop = await running.catch(() => null);
    await stop?.().catch(() => undefined);
  }
}

const holder = globalThis as unknown as { __resetConsoleLiveHub?: LiveHub };

/** This instance's hub, listening on the app's database (one per process, like the client). */
export function liveHub(db: Db = getDb()): LiveHub {
  holder.__resetConsoleLiveHub ??= new LiveHub(notificationSourceFor(db));
  return holder.__resetConsoleLiveHub;
}
