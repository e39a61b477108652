import { Alert } from "@/components/ui/alert";

/** Filters from the URL that did not validate were dropped; say so instead of silently ignoring them. */
export function IgnoredFilters({ invalid }: { invalid: string[] }) {
  if (!invalid.length) return null;
  return (
    <div className="mt-3">
      <Alert tone="warning">Ignored filters with an invalid value: {invalid.join(", ")}.</Alert>
    </div>
  );
}
