import type { Corners } from "@/lib/qr/types";

/** The photo with the found code outlined (corners are in the photo's own pixels). */
export function QrPreview({ src, width, height, corners }: { src: string; width: number; height: number; corners: Corners | null }) {
  const points = corners ? [corners.topLeft, corners.topRight, corners.bottomRight, corners.bottomLeft].map((p) => `${p.x},${p.y}`).join(" ") : null;
  return (
    <figure className="relative overflow-hidden rounded-md border border-slate-200 bg-slate-900">
      {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset */}
      <img src={src} alt="The customer's photo" decoding="async" className="block max-h-72 w-full object-contain" />
      {points ? (
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="xMidYMid meet" className="pointer-events-none absolute inset-0 h-full w-full" aria-hidden>
          <polygon points={points} fill="rgba(16,185,129,0.15)" stroke="#10b981" strokeWidth={Math.max(3, width / 150)} />
        </svg>
      ) : null}
      <figcaption className="sr-only">{corners ? "QR code found and outlined" : "No QR code outlined"}</figcaption>
    </figure>
  );
}
