"use client";

import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { takeEarlyKeys } from "./early-keys";

/**
 * Marks the document as ready: `<html data-ready="/the/path">` once the page at that path has
 * hydrated and every handler its components attach in effects is in place.
 *
 * Rendered by the root layout after the page: React runs a commit's effects children first and
 * siblings in order, so this effect runs after those of the whole page (the keyboard shortcuts,
 * the QR intake's paste and drop listeners, …), and the keys kept before hydration have been
 * handled (early-keys.ts). On a client-side navigation the new page and the
 * new path are committed together, so the mark moves only when the new page is ready. The value
 * is the path rather than a flag so that a waiter can tell this page's mark from the last one's.
 *
 * Browser tests wait for it before they press a key or click (`e2e/support/ready.ts`).
 */
export function ReadyMarker() {
  const pathname = usePathname();
  useEffect(() => {
    // Keys kept before hydration that no handler took (a page without shortcuts) are dropped
    // here, so that none of them fires later on another page.
    takeEarlyKeys();
    document.documentElement.dataset.ready = pathname;
  }, [pathname]);
  return null;
}
