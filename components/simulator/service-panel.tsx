import { HOUR_MS, MAX_CLOCK_OFFSET_HOURS } from "@/lib/simulator/constants";
import type { SimulatorView } from "@/lib/simulator/types";
import { formatDuration } from "@/lib/time";
import { PowerOffButton } from "./power-off-button";
import { RecorderButton } from "./recorder-button";
import { RecorderForm } from "./recorder-form";

const QUICK_STEPS_HOURS = [-24, -1, 1, 25];

/** The tester's controls around the recorder: its clock, a reboot, and power off. */
export function ServicePanel({ view }: { view: SimulatorView }) {
  const offsetHours = Math.round(view.clockOffsetMs / HOUR_MS);
  return (
    <section aria-labelledby="service-panel-title" className="rounded-lg border border-white/10 bg-neutral-900 p-4 text-sm text-slate-200">
      <h2 id="service-panel-title" className="mb-3 text-xs font-semibold uppercase tracking-widest text-slate-400">
        Service panel (simulator only)
      </h2>
      <div className="grid gap-4 md:grid-cols-[1fr_auto]">
        <div className="flex flex-col gap-2">
          <p>
            Recorder clock offset:{" "}
            <strong data-testid="clock-offset">{`${view.clockOffsetMs < 0 ? "−" : "+"}${formatDuration(view.clockOffsetMs, { smallest: "min" })}`}</strong>
            <span className="text-slate-400"> (a wrong recorder clock, as in the field)</span>
          </p>
          <RecorderForm op="set-clock" className="flex flex-wrap items-end gap-2">
            <div className="flex flex-col gap-1">
              <label htmlFor="clock-offset-hours" className="text-xs text-slate-400">
                Clock offset (hours)
              </label>
              <input
                id="clock-offset-hours"
                name="offsetHours"
                type="number"
                step={1}
                min={-MAX_CLOCK_OFFSET_HOURS}
                max={MAX_CLOCK_OFFSET_HOURS}
                defaultValue={offsetHours}
                key={offsetHours}
                className="w-28 rounded border border-white/20 bg-black px-2 py-1 font-mono text-slate-100 focus-visible:outline-2 focus-visible:outline-amber-300"
              />
            </div>
            <RecorderButton look="service">Set clock</RecorderButton>
          </RecorderForm>
          <div className="flex flex-wrap gap-2" role="group" aria-label="Move the recorder clock">
            {QUICK_STEPS_HOURS.map((step) => (
              <RecorderForm key={step} op="set-clock">
                <input type="hidden" name="offsetHours" value={offsetHours + step} />
                {/* The name starts with what the button shows ("+2 h"), as speech input users say it (WCAG 2.5.3). */}
                <RecorderButton look="service">
                  {step > 0 ? "+" : "−"}
                  {Math.abs(step)} h<span className="sr-only">: {`${step > 0 ? "forward" : "back"} ${Math.abs(step)} hours`}</span>
                </RecorderButton>
              </RecorderForm>
            ))}
            <RecorderForm op="set-clock">
              <input type="hidden" name="offsetHours" value={0} />
              <RecorderButton look="service">Real time</RecorderButton>
            </RecorderForm>
          </div>
        </div>
        <div className="flex flex-col items-start gap-2 md:items-end">
          <RecorderForm op="reboot">
            <RecorderButton look="service">Reboot</RecorderButton>
          </RecorderForm>
          <PowerOffButton />
          <p className="max-w-xs text-xs text-slate-400 md:text-right">
            {view.source === "registered"
              ? "Registered recorder: its reserved email is the owner of record's."
              : "Bench recorder (not in the device registry)."}{" "}
            MAC <span className="font-mono">{view.mac}</span>.
          </p>
        </div>
      </div>
    </section>
  );
}
