import type { SelectHTMLAttributes } from "react";
import { FieldError, fieldAria } from "@/components/ui/field";

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
  const aria = fieldAria(selectId, { errors });
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={selectId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select id={selectId} name={name} {...aria.control} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={aria.errorId} errors={errors} />
    </div>
  );
}
