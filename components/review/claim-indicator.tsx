"use client";

import { useEffect, useState } from "react";
import { formatUtc } from "@/lib/time";

export type ClaimViewer = { name: string; since: string };

/** Keep in step with PRESENCE_HEARTBEAT_MS (lib/review/presence.ts, server-only). */
const HEARTBEAT_MS = 15_000;

function presenceUrl(ticketId: string) {
  return `/api/v1/review/${ticketId}/presence`;
}

/**
 * Shows when another supervisor has this ticket's review page open, so two people do not work
 * the same ticket. This page says it is open (a heartbeat every 15 s while visible, stored in
 * the database, so every app instance sees it) and that it was left (on leaving); a new or ended
 * claim reaches the other pages through the live channel (their page refreshes, bringing
 * `viewers` from the server), and each heartbeat's answer keeps this one current in between.
 */
export function ClaimIndicator({ ticketId, viewers, asOf }: { ticketId: string; viewers: ClaimViewer[]; asOf: number }) {
  const [beat, setBeat] = useState<{ at: number; viewers: ClaimViewer[] } | null>(null);

  useEffect(() => {
    let stopped = false;
    async function heartbeat() {
      if (document.visibilityState !== "visible") return;
      const response = await fetch(presenceUrl(ticketId), { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }).catch(() => null);
      const body = response?.ok ? ((await response.json().catch(() => null)) as { others?: ClaimViewer[] } | null) : null;
      if (!stopped && body?.others) setBeat({ at: Date.now(), viewers: body.others });
    }
    function leave() {
      void fetch(presenceUrl(ticketId), { method: "DELETE", headers: { "Content-Type": "application/json" }, body: "{}", keepalive: true }).catch(
        () => undefined,
      );
    }
    void heartbeat();
    const timer = setInterval(() => void heartbeat(), HEARTBEAT_MS);
    const onVisible = () => void heartbeat();
    document.addEventListener("visibilitychange", onVisible);
    window.addEventListener("pagehide", leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
      window.removeEventListener("pagehide", leave);
      leave();
    };
  }, [ticketId]);

  // Whichever is newer: the server's render (after a live refresh) or this page's last heartbeat.
  const shown = beat && beat.at > asOf ? beat.viewers : viewers;
  return (
    <div role="status" aria-live="polite" data-testid="claim-indicator">
      {shown.length ? (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <strong>{shown.map((v) => v.name).join(", ")}</strong> {shown.length === 1 ? "also has" : "also have"} this ticket open (since{" "}
          {shown.map((v) => formatUtc(new Date(v.since), { seconds: false })).join(", ")} UTC). Agree who decides it.
        </p>
      ) : null}
    </div>
  );
}
