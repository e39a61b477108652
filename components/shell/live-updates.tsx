"use client";

import { usePathname, useRouter } from "next/navigation";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { toast, Toaster } from "sonner";
import { isLivePage, pageShowsEvent, toastForEvent } from "@/lib/live/live-reaction";
import { parseTicketEvent } from "@/lib/live/ticket-event";

/** The nav badge counts by nav link href, as the server last told us. */
export type LiveCounts = Record<string, number>;
type LiveStatus = "connecting" | "connected" | "offline" | "paused";

const LiveCountsContext = createContext<LiveCounts>({});

export function useLiveCounts(): LiveCounts {
  return useContext(LiveCountsContext);
}

const EVENTS_URL = "/api/v1/events";
/** Changes close together cost one re-render of the page. */
const REFRESH_DEBOUNCE_MS = 300;
/** While the stream is down, live pages are refreshed this often instead. */
const POLL_MS = 10_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
/** A tab hidden this long closes its stream; showing it again reconnects and refreshes. */
const PAUSE_HIDDEN_MS = 30_000;

function backoff(attempt: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.max(0, attempt - 1));
  return base / 2 + Math.random() * (base / 2);
}

/**
 * The console's live link, mounted once in its layout: one server-sent event stream per tab.
 * A change to a ticket shown on this page refreshes it (debounced `router.refresh()`), a
 * decision on one of my tickets shows a toast, and the nav badges follow the server's counts.
 * When the stream fails it reconnects with backoff and, meanwhile, polls the live pages.
 */
export function LiveUpdates({ me, initialCounts, children }: { me: string; initialCounts: LiveCounts; children: React.ReactNode }) {
  const router = useRouter();
  const pathname = usePathname();
  const [counts, setCounts] = useState(initialCounts);
  const [serverCounts, setServerCounts] = useState(initialCounts);
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const path = useRef(pathname);

  // A server render (navigation, refresh, poll) brings fresh counts: they replace the streamed ones.
  if (serverCounts !== initialCounts) {
    setServerCounts(initialCounts);
    setCounts(initialCounts);
  }

  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    let source: EventSource | null = null;
    let attempt = 0;
    let missed = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let pauseTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setInterval> | undefined;

    const refreshSoon = () => {
      if (refreshTimer) return;
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        router.refresh();
      }, REFRESH_DEBOUNCE_MS);
    };
    const startPolling = () => {
      pollTimer ??= setInterval(() => isLivePage(path.current) && router.refresh(), POLL_MS);
    };
    const stopPolling = () => {
      clearInterval(pollTimer);
      pollTimer = undefined;
    };
    const close = () => {
      source?.close();
      source = null;
      clearTimeout(retryTimer);
      retryTimer = undefined;
    };

    const open = () => {
      close();
      setStatus("connecting");
      const stream = new EventSource(EVENTS_URL);
      source = stream;
      stream.addEventListener("ready", () => {
        attempt = 0;
        stopPolling();
        setStatus("connected");
        // Changes made while we were away were not heard: show the page as it is now.
        if (missed && isLivePage(path.current)) refreshSoon();
        missed = false;
      });
      stream.addEventListener("ticket", (message) => {
        const event = parseTicketEvent(message.data);
        if (!event) return;
        if (pageShowsEvent(path.current, event)) refreshSoon();
        const note = toastForEvent(event, me);
        if (note) toast[note.tone](note.title, { description: note.description });
      });
      // This instance's listener was down for a while: the page may have missed changes.
      stream.addEventListener("resync", () => isLivePage(path.current) && refreshSoon());
      stream.addEventListener("counts", (message) => {
        try {
          const next = JSON.parse(message.data) as LiveCounts;
          setCounts((current) => ({ ...current, ...next }));
        } catch {
          // Ignore a malformed message; the next one or a refresh corrects the badges.
        }
      });
      stream.onerror = () => {
        // The browser's own retry gives up on an HTTP error: one policy for all failures instead.
        if (source !== stream) return;
        close();
        missed = true;
        setStatus("offline");
        startPolling();
        attempt++;
        retryTimer = setTimeout(open, backoff(attempt));
      };
    };

    const onVisibility = () => {
      clearTimeout(pauseTimer);
      if (document.visibilityState === "hidden") {
        pauseTimer = setTimeout(() => {
          close();
          stopPolling();
          missed = true;
          setStatus("paused");
        }, PAUSE_HIDDEN_MS);
      } else if (!source && !retryTimer) {
        open();
      }
    };

    open();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      close();
      stopPolling();
      clearTimeout(refreshTimer);
      clearTimeout(pauseTimer);
    };
  }, [me, router]);

  return (
    <LiveCountsContext value={counts}>
      {children}
      <span hidden data-live-status={status} />
      <Toaster position="bottom-right" richColors closeButton duration={8_000} />
    </LiveCountsContext>
  );
}
