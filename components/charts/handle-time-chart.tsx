"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type HandleTimePoint = { name: string; p50Minutes: number; p90Minutes: number };

/** Handle time per agent (opened → code sent), p50 and p90 in minutes. The numbers are also in the table beside it. */
export function HandleTimeChart({ data }: { data: HandleTimePoint[] }) {
  return (
    <figure aria-label="Handle time per agent, minutes, last 30 days" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" fontSize={11} unit=" min" />
          <YAxis type="category" dataKey="name" width={110} fontSize={11} />
          <Tooltip formatter={(value) => `${value} min`} />
          <Legend />
          <Bar dataKey="p50Minutes" name="Median (p50)" fill="#2563eb" isAnimationActive={false} />
          <Bar dataKey="p90Minutes" name="p90" fill="#94a3b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
