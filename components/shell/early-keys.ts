/**
 * Shortcuts pressed before the page has hydrated. The console's HTML arrives and can be read
 * before its JavaScript has run (a slow laptop, a busy network): a key pressed in that window
 * would reach no handler and be lost without a sign. A tiny inline script (`EARLY_KEYS_SCRIPT`,
 * in the root layout's <head>, with the request's CSP nonce) listens before the page is even
 * parsed and keeps those presses; `KeyboardShortcuts` takes them once its own handler is
 * attached (`takeEarlyKeys`) and handles them in order, as if they had just been pressed. When the
 * page has hydrated, `ReadyMarker` stops the listener on pages without shortcuts too, so nothing
 * kept on one page can fire on the next one.
 *
 * Only what could be a shortcut is kept: keys outside form fields, and Ctrl/⌘+Enter (submit)
 * inside one. Typing itself needs no help, the browser fills fields without JavaScript.
 */

/** A key press as the shortcut handler sees it: a live KeyboardEvent or one replayed from the queue. */
export type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "target"> & { preventDefault(): void };

const GLOBAL = "__earlyKeys";
/** At most this many presses are kept: a shortcut is a key or two, not a sentence. */
const MAX_KEPT = 8;

/** Where a key press is typing, not a shortcut: the early script and the handler both ask this. */
export const FORM_FIELD = "input, textarea, select, [contenteditable=true]";

/** Plain ES5 on purpose: it runs as written, before any bundle, in every browser the console supports. */
export const EARLY_KEYS_SCRIPT = `(function () {
  var kept = [];
  function keep(e) {
    if (e.repeat || e.altKey) return;
    var submit = e.key === "Enter" && (e.ctrlKey || e.metaKey);
    var inField = e.target instanceof Element && !!e.target.closest(${JSON.stringify(FORM_FIELD)});
    if (!submit && (e.ctrlKey || e.metaKey || inField)) return;
    if (kept.length < ${MAX_KEPT}) kept.push({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: false, target: e.target });
  }
  window.addEventListener("keydown", keep, true);
  window.${GLOBAL} = function () {
    window.removeEventListener("keydown", keep, true);
    return kept.splice(0);
  };
})();`;

type EarlyKeysWindow = Window & { [GLOBAL]?: () => Omit<KeyPress, "preventDefault">[] };

/**
 * Stops the early listener and returns what it kept, oldest first. Empty after the first call:
 * the script runs once per loaded document, not on client-side navigations.
 */
export function takeEarlyKeys(): KeyPress[] {
  const take = (window as EarlyKeysWindow)[GLOBAL];
  if (!take) return [];
  delete (window as EarlyKeysWindow)[GLOBAL];
  return take().map((press) => ({ ...press, preventDefault: () => {} }));
}
