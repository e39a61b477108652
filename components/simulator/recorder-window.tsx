import type { ReactNode } from "react";

/** An NVR dialog: a title bar and a panel, centred on the monitor. */
export function RecorderWindow({ title, children, wide = false }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section
      aria-labelledby="recorder-window-title"
      className={`w-full ${wide ? "max-w-4xl" : "max-w-xl"} rounded-sm border border-sky-700/70 bg-slate-900/95 shadow-2xl shadow-black/60`}
    >
      <h2
        id="recorder-window-title"
        className="border-b border-sky-700/70 bg-gradient-to-r from-sky-800 to-slate-800 px-3 py-1.5 text-sm font-semibold tracking-wide text-white"
      >
        {title}
      </h2>
      <div className="flex flex-col gap-3 p-4">{children}</div>
    </section>
  );
}
