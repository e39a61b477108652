"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One series of bars: the data key it plots, its legend name and colour, and a stack to join. */
export type DailyBar<K extends string> = { key: K; name: string; fill: string; stack?: string };

/**
 * Counts per UTC day as bars (the audit dashboard's volume and risk charts). The numbers are
 * also in the table beside each chart, so the chart needs no screen-reader text of its own.
 */
export function DailyBarChart<K extends string>({ label, data, bars }: { label: string; data: ({ day: string } & Record<K, number>)[]; bars: DailyBar<K>[] }) {
  return (
    <figure aria-label={label} className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          {bars.map((b) => (
            <Bar key={b.key} dataKey={b.key} name={b.name} stackId={b.stack} fill={b.fill} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
