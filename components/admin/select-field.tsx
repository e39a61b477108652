import type { SelectHTMLAttributes } from "react";

/** A labelled select whose errors are announced with it (aria-describedby), like Field. */
export function SelectField({
  label,
  name,
  options,
  errors,
  id,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; options: readonly { value: string; label: string }[]; errors?: string[] }) {
  const selectId = id ?? `field-${name}`;
  const errorId = `${selectId}-error`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={selectId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-describedby={errors?.length ? errorId : undefined}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errors?.length ? (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
