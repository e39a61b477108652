import { Alert } from "@/components/ui/alert";

/**
 * Filters from the URL that did not validate were dropped; say so, by the fields' labels, instead
 * of silently ignoring them (the form still shows what was typed, to correct it).
 */
export function IgnoredFilters({ labels }: { labels: string[] }) {
  if (!labels.length) return null;
  return (
    <div className="mt-3">
      <Alert tone="warning">
        {labels.length === 1 ? "This filter was ignored, its value is not valid" : "These filters were ignored, their values are not valid"}:{" "}
        {labels.join(", ")}.
      </Alert>
    </div>
  );
}
