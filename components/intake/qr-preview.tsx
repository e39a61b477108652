"use client";

import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import type { AssistRegion } from "@/lib/qr/assist";
import type { Corners, Point } from "@/lib/qr/types";

const poly = (c: Corners) => [c.topLeft, c.topRight, c.bottomRight, c.bottomLeft].map((p) => `${p.x},${p.y}`).join(" ");
const centre = (c: Corners): Point => ({
  x: (c.topLeft.x + c.topRight.x + c.bottomLeft.x + c.bottomRight.x) / 4,
  y: (c.topLeft.y + c.topRight.y + c.bottomLeft.y + c.bottomRight.y) / 4,
});

/** Keyboard step for moving or resizing the box: 2% of the photo's long side. */
const STEP = 0.02;

/**
 * The photo with what was found outlined (corners in the photo's own pixels), the codes of a
 * multi-code photo numbered, and, when `onBox` is given, the manual assist: drag a box around
 * the code, or focus the photo and use the arrow keys (Shift+arrows resize, Enter reads it).
 */
export function QrPreview({
  src,
  width,
  height,
  corners,
  numbered,
  box,
  onBox,
  onSubmitBox,
}: {
  src: string | null;
  width: number;
  height: number;
  corners: Corners | null;
  numbered?: Corners[];
  box?: AssistRegion | null;
  onBox?: (box: AssistRegion | null) => void;
  onSubmitBox?: () => void;
}) {
  const layer = useRef<HTMLDivElement>(null);
  const drag = useRef<Point | null>(null);
  const stroke = Math.max(3, Math.max(width, height) / 200);

  const toPhoto = (e: PointerEvent): Point => {
    const r = layer.current!.getBoundingClientRect();
    return {
      x: Math.min(width, Math.max(0, ((e.clientX - r.left) / Math.max(1, r.width)) * width)),
      y: Math.min(height, Math.max(0, ((e.clientY - r.top) / Math.max(1, r.height)) * height)),
    };
  };
  const boxFrom = (a: Point, b: Point): AssistRegion => ({
    x: Math.min(a.x, b.x),
    y: Math.min(a.y, b.y),
    width: Math.abs(a.x - b.x),
    height: Math.abs(a.y - b.y),
  });

  const onKeyDown = (e: KeyboardEvent) => {
    if (!onBox) return;
    const step = STEP * Math.max(width, height);
    const dirs: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (e.key in dirs) {
      e.preventDefault();
      const [dx, dy] = dirs[e.key]!;
      const b = box ?? { x: width * 0.3, y: height * 0.3, width: width * 0.4, height: height * 0.4 };
      if (!box) return onBox(b);
      if (e.shiftKey) {
        const w = Math.max(step, Math.min(width - b.x, b.width + dx * step));
        const h = Math.max(step, Math.min(height - b.y, b.height + dy * step));
        return onBox({ ...b, width: w, height: h });
      }
      return onBox({ ...b, x: Math.min(width - b.width, Math.max(0, b.x + dx * step)), y: Math.min(height - b.height, Math.max(0, b.y + dy * step)) });
    }
    if (e.key === "Enter" && box) {
      e.preventDefault();
      onSubmitBox?.();
    } else if ((e.key === "Delete" || e.key === "Backspace") && box) {
      e.preventDefault();
      onBox(null);
    }
  };

  return (
    <figure className="rounded-md border border-slate-200 bg-slate-900 p-1">
      <div className="relative mx-auto w-fit">
        {src ? (
          // eslint-disable-next-line @next/next/no-img-element -- a local object URL, not an optimisable asset
          <img src={src} alt="The customer's photo" decoding="async" draggable={false} className="block max-h-80 max-w-full select-none" />
        ) : (
          <div className="flex h-40 w-64 items-center justify-center text-sm text-slate-300">No preview of this file</div>
        )}
        {corners || numbered?.length || box ? (
          <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className="pointer-events-none absolute inset-0 h-full w-full" aria-hidden>
            {numbered?.length ? (
              numbered.map((c, i) => (
                <g key={i} data-testid="candidate-outline">
                  <polygon points={poly(c)} fill="rgba(245,158,11,0.15)" stroke="#f59e0b" strokeWidth={stroke} />
                  <text
                    x={centre(c).x}
                    y={centre(c).y}
                    fontSize={stroke * 12}
                    textAnchor="middle"
                    dominantBaseline="central"
                    fill="#f59e0b"
                    stroke="#000"
                    strokeWidth={stroke / 3}
                  >
                    {i + 1}
                  </text>
                </g>
              ))
            ) : corners ? (
              <polygon points={poly(corners)} fill="rgba(16,185,129,0.15)" stroke="#10b981" strokeWidth={stroke} />
            ) : null}
            {box ? (
              <rect
                x={box.x}
                y={box.y}
                width={box.width}
                height={box.height}
                fill="rgba(59,130,246,0.12)"
                stroke="#3b82f6"
                strokeWidth={stroke}
                strokeDasharray={`${stroke * 3} ${stroke * 2}`}
              />
            ) : null}
          </svg>
        ) : null}
        {onBox ? (
          <div
            ref={layer}
            role="application"
            tabIndex={0}
            aria-label="Photo: draw a box around the QR code. Arrow keys place a box and move it, Shift+arrow keys resize it, Enter reads it, Delete removes it."
            data-testid="assist-layer"
            className="absolute inset-0 cursor-crosshair touch-none outline-offset-2 focus-visible:outline-2 focus-visible:outline-blue-500"
            onKeyDown={onKeyDown}
            onPointerDown={(e) => {
              e.currentTarget.setPointerCapture(e.pointerId);
              drag.current = toPhoto(e);
            }}
            onPointerMove={(e) => {
              if (drag.current) onBox(boxFrom(drag.current, toPhoto(e)));
            }}
            onPointerUp={(e) => {
              if (!drag.current) return;
              const b = boxFrom(drag.current, toPhoto(e));
              drag.current = null;
              // A click without a drag keeps the box that was there.
              if (b.width > 2 && b.height > 2) onBox(b);
            }}
          />
        ) : null}
      </div>
      <figcaption className="sr-only">
        {numbered?.length ? `${numbered.length} codes found and numbered` : corners ? "QR code found and outlined" : "No QR code outlined"}
        {box ? "; a box is drawn for the reader" : ""}
      </figcaption>
    </figure>
  );
}
