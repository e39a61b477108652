import "server-only";
import { runOutboxWorker } from "./run-outbox-worker";

const holder = globalThis as unknown as { __outboxWorker?: AbortController };

/**
 * Starts the in-app worker once per server process (instrumentation.ts). No signal handlers are
 * installed here: Next owns the process's shutdown, and a row cut off mid-send is taken over by
 * the next worker when its lease ends. Returns the controller that stops it.
 */
export function startOutboxWorker(): AbortController {
  if (holder.__outboxWorker) return holder.__outboxWorker;
  const controller = new AbortController();
  holder.__outboxWorker = controller;
  void runOutboxWorker({ signal: controller.signal });
  return controller;
}
