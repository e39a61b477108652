"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type VolumePoint = { day: string; tickets: number; codesIssued: number };

/** Tickets opened and codes issued per UTC day. The numbers are also in the table beside it. */
export function VolumeChart({ data }: { data: VolumePoint[] }) {
  return (
    <figure aria-label="Resets per day, last 30 days" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="tickets" name="Tickets opened" fill="#64748b" isAnimationActive={false} />
          <Bar dataKey="codesIssued" name="Codes issued" fill="#2563eb" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
