import Link from "next/link";

export type AnomalyData = {
  teamMedianIssues: number;
  busyAgents: { agentId: string; name: string; issued: number }[];
  repeatDevices: { serial: string; issues: number }[];
  busyRequesters: { email: string; serials: number }[];
};

/** Patterns worth a second look, each linking to the search that shows the detail. */
export function AnomalyList({
  data,
  thresholds,
}: {
  data: AnomalyData;
  thresholds: { factor: number; agentMin: number; agentDays: number; deviceMin: number; requesterMin: number; repeatDays: number };
}) {
  const none = data.busyAgents.length + data.repeatDevices.length + data.busyRequesters.length === 0;
  if (none) return <p className="text-sm text-slate-600">Nothing unusual.</p>;
  return (
    <div className="flex flex-col gap-3 text-sm">
      {data.busyAgents.length ? (
        <section>
          <h3 className="font-semibold">
            Agents issuing far more than the team (&gt; {thresholds.factor}× the median of {data.teamMedianIssues}, ≥ {thresholds.agentMin} in{" "}
            {thresholds.agentDays} days)
          </h3>
          <ul className="list-inside list-disc">
            {data.busyAgents.map((a) => (
              <li key={a.agentId}>
                <Link href={`/audit/tickets?agent=${a.agentId}`} className="underline">
                  {a.name}
                </Link>
                : {a.issued} codes
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.repeatDevices.length ? (
        <section>
          <h3 className="font-semibold">
            Recorders reset again and again (≥ {thresholds.deviceMin} codes in {thresholds.repeatDays} days)
          </h3>
          <ul className="list-inside list-disc">
            {data.repeatDevices.map((d) => (
              <li key={d.serial}>
                <Link href={`/audit/devices/${encodeURIComponent(d.serial)}`} className="underline">
                  {d.serial}
                </Link>
                : {d.issues} codes
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.busyRequesters.length ? (
        <section>
          <h3 className="font-semibold">
            One requester, many recorders (≥ {thresholds.requesterMin} serials in {thresholds.repeatDays} days)
          </h3>
          <ul className="list-inside list-disc">
            {data.busyRequesters.map((r) => (
              <li key={r.email}>
                <Link href={`/audit/tickets?email=${encodeURIComponent(r.email)}`} className="underline">
                  {r.email}
                </Link>
                : {r.serials} recorders
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
