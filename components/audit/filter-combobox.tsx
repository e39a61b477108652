"use client";

import * as Popover from "@radix-ui/react-popover";
import { Command } from "cmdk";
import { useState } from "react";

export type ComboboxOption = { value: string; label: string; hint?: string };

const TRIGGER =
  "flex min-w-44 items-center justify-between gap-2 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-left text-sm shadow-sm focus:border-brand-600";

/**
 * A filter dropdown you can type into: a button that opens a searchable list (cmdk's combobox
 * and listbox roles, arrow keys, Enter, Escape) in a Radix popover (focus moves in and back
 * out, outside clicks close it). The chosen value goes with the GET form in a hidden input, so it
 * lands in the URL like any other filter; "Any" clears it. Matches on the label, the value and
 * the hint, so "approved" and "review.approved" both find the same action.
 */
export function FilterCombobox({ label, name, value, options }: { label: string; name: string; value?: string; options: ComboboxOption[] }) {
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState(value ?? "");
  const current = options.find((o) => o.value === selected);
  const choose = (next: string) => {
    setSelected(next);
    setOpen(false);
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={`filter-${name}`} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <input type="hidden" name={name} value={selected} />
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button type="button" id={`filter-${name}`} role="combobox" aria-expanded={open} aria-controls={`filter-${name}-options`} className={TRIGGER}>
            <span className={current ? "truncate text-slate-900" : "text-slate-500"}>{current ? current.label : selected || "Any"}</span>
            <span aria-hidden="true" className="text-slate-400">
              ▾
            </span>
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content
            id={`filter-${name}-options`}
            align="start"
            sideOffset={4}
            className="z-50 w-72 max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white p-1 shadow-lg"
            aria-label={label}
          >
            <Command label={`Search ${label.toLowerCase()}`} loop>
              <Command.Input
                placeholder={`Search ${label.toLowerCase()}…`}
                aria-label={`Search ${label.toLowerCase()}`}
                className="mb-1 w-full rounded border border-slate-300 px-2 py-1.5 text-sm focus:border-brand-600"
              />
              <Command.List label={label} className="max-h-64 overflow-y-auto">
                <Command.Empty className="px-2 py-1.5 text-sm text-slate-600">No match.</Command.Empty>
                <Command.Item value="any" keywords={["any", "all", "clear"]} onSelect={() => choose("")} className={ITEM}>
                  Any
                </Command.Item>
                {options.map((o) => (
                  <Command.Item
                    key={o.value}
                    value={o.value}
                    keywords={[o.label, ...(o.hint ? [o.hint] : [])]}
                    onSelect={() => choose(o.value)}
                    className={ITEM}
                    data-chosen={o.value === selected ? "" : undefined}
                  >
                    <span className="block">
                      {o.label}
                      {o.value === selected ? <span className="sr-only"> (chosen)</span> : null}
                    </span>
                    {o.hint ? <span className="block text-xs text-slate-500">{o.hint}</span> : null}
                  </Command.Item>
                ))}
              </Command.List>
            </Command>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}

const ITEM =
  "cursor-pointer rounded px-2 py-1.5 text-sm text-slate-900 data-[chosen]:font-semibold data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-900";
