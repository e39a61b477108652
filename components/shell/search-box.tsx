"use client";

import Form from "next/form";
import { usePathname, useSearchParams } from "next/navigation";
import { useState } from "react";

export const SEARCH_PATH = "/tickets/search";

/**
 * The console's one search box, in the header of every console page (`/` focuses it). Enter
 * goes to the results page with client-side navigation, so the box (part of the layout) keeps
 * what was typed; on the results page it also shows the query from the URL (a reload, a link,
 * Back).
 */
export function SearchBox() {
  const pathname = usePathname();
  const params = useSearchParams();
  const fromUrl = pathname === SEARCH_PATH ? (params.get("q") ?? "") : null;
  const [value, setValue] = useState(fromUrl ?? "");
  // A new query in the URL (a link, Back, a reload) replaces the box's text; other navigations
  // leave what was typed.
  const [shown, setShown] = useState(fromUrl);
  if (fromUrl !== shown) {
    setShown(fromUrl);
    if (fromUrl !== null) setValue(fromUrl);
  }

  return (
    <Form action={SEARCH_PATH} role="search" className="flex min-w-0 basis-full items-center sm:basis-auto sm:flex-none">
      <input
        type="search"
        name="q"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-label="Search tickets"
        aria-keyshortcuts="/"
        placeholder="RT number, serial, email, name…  /"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        data-search-box
        className="min-w-0 flex-1 rounded-l-md border border-white/20 bg-white/10 px-3 py-1.5 text-sm text-white placeholder:text-slate-300 focus:bg-white focus:text-slate-900 focus:placeholder:text-slate-500 sm:w-56 sm:flex-none lg:w-72"
      />
      <button
        type="submit"
        className="rounded-r-md border border-l-0 border-white/20 bg-white/15 px-2.5 py-1.5 text-sm font-medium text-white hover:bg-white/25"
      >
        {/* Not "Search": pages have search buttons of their own, and this one must not share their name. */}
        Find
      </button>
    </Form>
  );
}
