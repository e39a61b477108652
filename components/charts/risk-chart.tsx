"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type RiskPoint = { day: string; stolen: number; blocked: number; escalations: number };

/** Stolen and blocked recorder hits and escalations per UTC day. The numbers are also in the table beside it. */
export function RiskChart({ data }: { data: RiskPoint[] }) {
  return (
    <figure aria-label="Stolen and blocked hits and escalations per day, last 30 days" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="stolen" name="Stolen hits" stackId="hits" fill="#b91c1c" isAnimationActive={false} />
          <Bar dataKey="blocked" name="Blocked hits" stackId="hits" fill="#d97706" isAnimationActive={false} />
          <Bar dataKey="escalations" name="Escalations" fill="#7c3aed" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
