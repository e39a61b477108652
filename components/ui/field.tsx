import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * The ids and aria attributes that tie a control to its hint and its errors, so a screen reader
 * announces them with the control: `${controlId}-hint`, `${controlId}-error`, aria-invalid while
 * there are errors. Every labelled control in the console (inputs, selects, text areas, the
 * virtual recorder's boxes) uses it.
 */
export function fieldAria(controlId: string, options: { hint?: boolean; errors?: readonly string[] | null }) {
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const invalid = Boolean(options.errors?.length);
  const describedBy = [options.hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(" ") || undefined;
  return { hintId, errorId, control: { "aria-invalid": invalid ? true : undefined, "aria-describedby": describedBy } } as const;
}

/** A control's errors, under it, with the id fieldAria points at; nothing when there are none. */
export function FieldError({
  id,
  errors,
  className = "text-xs font-medium text-red-700",
}: {
  id: string;
  errors?: readonly string[] | null;
  className?: string;
}) {
  if (!errors?.length) return null;
  return (
    <p id={id} className={className}>
      {errors.join(" ")}
    </p>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: ReactNode;
};

/** A labelled input whose errors and hint are announced with it (aria-describedby). */
export function Field({ label, name, errors, hint, id, className = "", ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const aria = fieldAria(inputId, { hint: Boolean(hint), errors });
  return (
    <div className={`flex flex-col gap-1 ${className}`}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        {...aria.control}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-600 aria-[invalid=true]:border-red-600"
        {...input}
      />
      {hint ? (
        <p id={aria.hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={aria.errorId} errors={errors} />
    </div>
  );
}
