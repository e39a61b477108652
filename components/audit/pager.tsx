import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";

/** Keyset paging links that keep every filter in the URL. */
export function Pager({
  basePath,
  params,
  next,
  prev,
  label,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  next: string | null;
  prev: string | null;
  label: string;
}) {
  const href = (cursor: Record<string, string>) => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) query.set(k, v);
    for (const [k, v] of Object.entries(cursor)) query.set(k, v);
    return `${basePath}?${query.toString()}`;
  };
  return (
    <nav aria-label={label} className="mt-4 flex justify-between gap-2">
      {prev ? (
        <Link href={href({ before: prev })} className={buttonClasses("secondary")} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={href({ after: next })} className={buttonClasses("secondary")} rel="next">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}
