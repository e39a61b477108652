import type { ReactNode } from "react";

const INPUT = "rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:border-brand-600";

export function FilterInput({
  label,
  name,
  value,
  type = "text",
  placeholder,
}: {
  label: string;
  name: string;
  value?: string;
  type?: string;
  placeholder?: string;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <input id={`filter-${name}`} name={name} type={type} defaultValue={value ?? ""} placeholder={placeholder} className={INPUT} />
    </div>
  );
}

/** A GET form: the filters live in the URL, so a search can be bookmarked, shared and reloaded. */
export function FilterForm({ action, children, resetHref, exportHref }: { action: string; children: ReactNode; resetHref: string; exportHref?: string }) {
  return (
    <form method="GET" action={action} role="search" className="flex flex-wrap items-end gap-3">
      {children}
      <div className="flex gap-2">
        <button type="submit" className="rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Search
        </button>
        <a href={resetHref} className="rounded-md px-3.5 py-2 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
          Clear
        </a>
        {exportHref ? (
          // A plain link: a download, not a client-side navigation (and never prefetched).
          <a href={exportHref} className="rounded-md px-3.5 py-2 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100" download>
            Export CSV
          </a>
        ) : null}
      </div>
    </form>
  );
}
