import { detailFacts } from "@/lib/audit/describe-action";

/** An audit event's details as a compact list, each under its label (never the stored key). */
export function DetailsList({ details }: { details: unknown }) {
  const facts = detailFacts(details);
  if (facts.length === 0) return null;
  return (
    <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-3 text-xs text-slate-600">
      {facts.map((f, i) => (
        <div key={`${f.label}-${i}`} className="contents">
          <dt className="font-medium">{f.label}</dt>
          <dd className="break-all">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
