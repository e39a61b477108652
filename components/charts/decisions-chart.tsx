"use client";

import { Cell, Legend, Pie, PieChart, ResponsiveContainer, Tooltip } from "recharts";

const COLORS: Record<string, string> = { ISSUE: "#059669", REVIEW: "#d97706", REFUSE: "#dc2626" };
const LABELS: Record<string, string> = { ISSUE: "Issued by the checks", REVIEW: "Sent to review", REFUSE: "Refused by the checks" };

/** How the automatic checks decided, as shares of the period's tickets. */
export function DecisionsChart({ counts }: { counts: Record<"ISSUE" | "REVIEW" | "REFUSE", number> }) {
  const data = (Object.keys(counts) as (keyof typeof counts)[]).map((k) => ({ key: k, name: LABELS[k], value: counts[k] }));
  if (data.every((d) => d.value === 0)) return <p className="text-sm text-slate-600">No tickets in this period.</p>;
  return (
    <figure aria-label="Decisions, last 30 days" className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius="45%" outerRadius="80%" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={COLORS[d.key]} />
            ))}
          </Pie>
          <Tooltip />
          <Legend />
        </PieChart>
      </ResponsiveContainer>
    </figure>
  );
}
