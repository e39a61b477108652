import Link from "next/link";
import type { ReactNode } from "react";
import type { Anomalies } from "@/lib/audit/dashboard/find-anomalies";

export type AnomalyData = Anomalies;

type Finding = { key: string; href: string; label: string; count: string };

function FindingList({ title, findings }: { title: ReactNode; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <section>
      <h3 className="font-semibold">{title}</h3>
      <ul className="list-inside list-disc">
        {findings.map((f) => (
          <li key={f.key}>
            <Link href={f.href} className="underline">
              {f.label}
            </Link>
            : {f.count}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Patterns worth a second look, each linking to the search that shows the detail. */
export function AnomalyList({
  data,
  thresholds,
}: {
  data: AnomalyData;
  thresholds: { factor: number; agentMin: number; agentDays: number; deviceMin: number; requesterMin: number; repeatDays: number; pairMin: number };
}) {
  const none = data.busyAgents.length + data.repeatDevices.length + data.busyRequesters.length + data.recurringPairs.length === 0;
  if (none) return <p className="text-sm text-slate-600">Nothing unusual.</p>;
  return (
    <div className="flex flex-col gap-3 text-sm">
      <FindingList
        title={
          <>
            Agents issuing far more than the team (&gt; {thresholds.factor}× the median of {data.teamMedianIssues}, ≥ {thresholds.agentMin} in{" "}
            {thresholds.agentDays} days)
          </>
        }
        findings={data.busyAgents.map((a) => ({ key: a.agentId, href: `/audit/tickets?agent=${a.agentId}`, label: a.name, count: `${a.issued} codes` }))}
      />
      <FindingList
        title={`Recorders reset again and again (≥ ${thresholds.deviceMin} codes in ${thresholds.repeatDays} days)`}
        findings={data.repeatDevices.map((d) => ({
          key: d.serial,
          href: `/audit/devices/${encodeURIComponent(d.serial)}`,
          label: d.serial,
          count: `${d.issues} codes`,
        }))}
      />
      <FindingList
        title={`One requester, many recorders (≥ ${thresholds.requesterMin} serials in ${thresholds.repeatDays} days)`}
        findings={data.busyRequesters.map((r) => ({
          key: r.email,
          href: `/audit/tickets?email=${encodeURIComponent(r.email)}`,
          label: r.email,
          count: `${r.serials} recorders`,
        }))}
      />
      <FindingList
        title={`The same two people approving each other's exceptions (≥ ${thresholds.pairMin} approvals in ${thresholds.repeatDays} days)`}
        findings={data.recurringPairs.map((p) => ({
          key: `${p.requesterId}:${p.approverId}`,
          href: `/audit/tickets?agent=${p.requesterId}`,
          label: `${p.requester} → ${p.approver}`,
          count: `${p.approvals} approvals`,
        }))}
      />
    </div>
  );
}
