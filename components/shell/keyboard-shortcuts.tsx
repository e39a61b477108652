"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { FORM_FIELD, takeEarlyKeys, type KeyPress } from "./early-keys";

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: "?", what: "Show or hide this help" },
  { keys: "n", what: "New ticket" },
  { keys: "g then t", what: "Go to the ticket queue" },
  { keys: "g then r", what: "Go to the review queue (supervisors)" },
  { keys: "j / k", what: "Next / previous ticket in the queue" },
  { keys: "Enter", what: "Open the selected ticket" },
  { keys: "/", what: "Search tickets (RT number, serial, email, name)" },
  { keys: "t", what: "Take the ticket (on an unassigned ticket)" },
  { keys: "s", what: "Send the code (on a ticket)" },
  { keys: "a", what: "Approve and open the next ticket to review (review page)" },
  { keys: "x", what: "Refuse and open the next ticket to review (review page; type the reason first)" },
  { keys: "Ctrl+V", what: "Paste a photo or link on the new-ticket page" },
  { keys: "Ctrl+Enter", what: "Submit the new ticket" },
];

function typing(target: EventTarget | null): boolean {
  return target instanceof Element && !!target.closest(FORM_FIELD);
}

/**
 * The enabled control a page declares for `key` with `aria-keyshortcuts` (the attribute assistive
 * technology reads too), inside `scope`: the page says what a key does where, this handler is the
 * only listener. A disabled button (an action in flight) is not pressed twice.
 */
function declaredControl(key: string, scope: ParentNode = document): HTMLElement | null {
  const control = scope.querySelector<HTMLElement>(`[aria-keyshortcuts="${CSS.escape(key)}"]`);
  return control && !control.matches(":disabled") ? control : null;
}

/**
 * Every keyboard shortcut of the console, in one listener: single keys for the moves agents make
 * all day (ignored while typing in a field), and Ctrl/⌘+Enter to submit the form a field is in.
 * Keys pressed before this listener was attached are handled first (see early-keys.ts).
 */
export function KeyboardShortcuts() {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const pendingG = useRef(false);

  useEffect(() => {
    function moveInQueue(step: number) {
      const rows = [...document.querySelectorAll<HTMLAnchorElement>("[data-queue-link]")];
      if (!rows.length) return;
      const index = rows.indexOf(document.activeElement as HTMLAnchorElement);
      const next = rows[Math.min(rows.length - 1, Math.max(0, index === -1 ? 0 : index + step))];
      next?.focus();
    }
    function onKey(event: KeyPress) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey) {
        const form = event.target instanceof Element ? event.target.closest("form") : null;
        const submit = form && declaredControl("Control+Enter", form);
        if (form && submit) {
          event.preventDefault();
          form.requestSubmit(submit instanceof HTMLButtonElement ? submit : undefined);
        }
        return;
      }
      if (event.metaKey || event.ctrlKey || event.altKey || typing(event.target)) return;
      if (pendingG.current) {
        pendingG.current = false;
        if (event.key === "t") router.push("/tickets");
        if (event.key === "r") router.push("/review");
        return;
      }
      switch (event.key) {
        case "?":
          if (dialog.current?.open) dialog.current.close();
          else dialog.current?.showModal();
          break;
        case "n":
          router.push("/tickets/new");
          break;
        case "g":
          pendingG.current = true;
          setTimeout(() => (pendingG.current = false), 1500);
          break;
        case "j":
          moveInQueue(1);
          break;
        case "k":
          moveInQueue(-1);
          break;
        case "/": {
          const box = document.querySelector<HTMLInputElement>("[data-search-box]");
          if (box) {
            event.preventDefault();
            box.focus();
            box.select();
          }
          break;
        }
        default: {
          // Page actions: "s" sends the code, "t" takes the ticket, wherever the page shows them.
          const control = declaredControl(event.key);
          if (control) {
            event.preventDefault();
            control.click();
          }
        }
      }
    }
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener);
    // What was pressed while the page loaded, unless the user has since moved into a field to
    // type: a key meant for the page must not fire in the middle of their typing.
    for (const press of takeEarlyKeys()) {
      const submit = press.key === "Enter" && (press.ctrlKey || press.metaKey);
      if (submit || !typing(document.activeElement)) onKey(press);
    }
    return () => window.removeEventListener("keydown", listener);
  }, [router]);

  return (
    <dialog ref={dialog} aria-labelledby="shortcuts-title" className="m-auto w-full max-w-md rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/50">
      <div className="p-6">
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          Keyboard shortcuts
        </h2>
        <table className="mt-4 w-full text-sm">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys} className="border-t border-slate-100">
                <td className="py-1.5 pr-4">
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{s.keys}</kbd>
                </td>
                <td className="py-1.5 text-slate-700">{s.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="dialog" className="mt-4 text-right">
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white">Close</button>
        </form>
      </div>
    </dialog>
  );
}
