import type { Metadata } from "next";
import Link from "next/link";
import { AnomalyList } from "@/components/audit/anomaly-list";
import { AuditSubnav } from "@/components/audit/audit-subnav";
import { CheckpointStatus } from "@/components/audit/checkpoint-status";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { ChartTable } from "@/components/charts/chart-table";
import { DecisionsChart } from "@/components/charts/decisions-chart";
import { HandleTimeChart } from "@/components/charts/handle-time-chart";
import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import {
  AGENT_ISSUE_MEDIAN_FACTOR,
  APPROVAL_PAIR_MIN,
  AGENT_ISSUE_MIN,
  AGENT_WINDOW_DAYS,
  DEVICE_ISSUE_MIN,
  REPEAT_WINDOW_DAYS,
  REQUESTER_SERIAL_MIN,
} from "@/lib/audit/dashboard/find-anomalies";
import { uncoveredAuditEvents } from "@/lib/audit/checkpoints/make-checkpoint";
import { loadDashboard } from "@/lib/audit/dashboard/load-dashboard";
import { DASHBOARD_DAYS } from "@/lib/audit/dashboard/window";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { formatDuration, MINUTE_MS, SECOND_MS } from "@/lib/time";
import { countOpenEscalations } from "@/lib/escalations/list-escalations";
import { zeroTouchShare } from "@/lib/inbound/zero-touch-share";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePageUser("SUPERVISOR", "page:/audit");
  const [d, escalations, coverage, zeroTouch] = await Promise.all([
    loadDashboard({ db: getDb() }),
    countOpenEscalations({ db: getDb() }),
    uncoveredAuditEvents(getDb()),
    zeroTouchShare({ db: getDb(), days: DASHBOARD_DAYS }),
  ]);
  const total = d.decisions.ISSUE + d.decisions.REVIEW + d.decisions.REFUSE;
  const seconds = (value: number | null) => formatDuration(value === null ? null : value * SECOND_MS);
  const minutes = (value: number) => Math.round(((value * SECOND_MS) / MINUTE_MS) * 10) / 10;
  const totals = d.risk.reduce(
    (sum, r) => ({ stolen: sum.stolen + r.stolen, blocked: sum.blocked + r.blocked, escalations: sum.escalations + r.escalations }),
    {
      stolen: 0,
      blocked: 0,
      escalations: 0,
    },
  );
  const codes = d.volume.reduce((sum, v) => sum + v.codesIssued, 0);
  return (
    <>
      <PageHeader title="Audit" description={`Every reset step, sign-in and refusal, hash-chained. Figures cover the last ${DASHBOARD_DAYS} days (UTC).`} />
      <AuditSubnav current="/audit" />
      <div className="mb-4">
        <Card title="Handled without an agent">
          <p className="text-sm" data-testid="zero-touch-share">
            {zeroTouch.tickets
              ? `${Math.round((zeroTouch.zeroTouch / zeroTouch.tickets) * 1000) / 10}% of tickets (${zeroTouch.zeroTouch} of ${zeroTouch.tickets}) got their code with no agent (zero-touch); ${zeroTouch.fromEmail} were opened from email.`
              : "No tickets in this window."}
          </p>
        </Card>
      </div>
      {escalations > 0 ? (
        <div className="mb-4">
          <Alert tone="warning" title={`${escalations} ${escalations === 1 ? "escalation waits" : "escalations wait"} for a supervisor`}>
            <Link href="/escalations" className="font-medium underline">
              Open the escalations queue
            </Link>
          </Alert>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={`Codes per day (${codes} in ${DASHBOARD_DAYS} days)`} className="lg:col-span-2">
          <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
            <DailyBarChart
              label="Resets per day, last 30 days"
              data={d.volume}
              bars={[
                { key: "tickets", name: "Tickets opened", fill: "#64748b" },
                { key: "codesIssued", name: "Codes issued", fill: "#2563eb" },
              ]}
            />
            <ChartTable
              caption="Tickets opened and codes issued per day"
              columns={["Day (UTC)", { label: "Tickets", align: "right" }, { label: "Codes", align: "right" }]}
              rows={[...d.volume].reverse().map((v) => [v.day, v.tickets, v.codesIssued])}
            />
          </div>
        </Card>
        <Card title="Decisions">
          <DecisionsChart counts={d.decisions} />
          <dl className="mt-2 grid grid-cols-2 gap-1 text-sm">
            <dt>Tickets</dt>
            <dd className="text-right tabular-nums">{total}</dd>
            <dt>Issued / review / refused</dt>
            <dd className="text-right tabular-nums">
              {d.decisions.ISSUE} / {d.decisions.REVIEW} / {d.decisions.REFUSE}
            </dd>
            <dt>Median time to code sent</dt>
            <dd className="text-right tabular-nums">{formatDuration(d.timeToSend.medianSeconds === null ? null : d.timeToSend.medianSeconds * SECOND_MS)}</dd>
          </dl>
        </Card>
        <Card title="Handle time per agent (opened → code sent)" className="lg:col-span-2">
          {d.handleTimes.length === 0 ? (
            <p className="text-sm text-slate-600">No code sent in this period.</p>
          ) : (
            <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
              <HandleTimeChart data={d.handleTimes.map((a) => ({ name: a.name, p50Minutes: minutes(a.p50Seconds), p90Minutes: minutes(a.p90Seconds) }))} />
              <ChartTable
                caption="Handle time per agent"
                columns={["Agent", { label: "Sent", align: "right" }, { label: "p50", align: "right" }, { label: "p90", align: "right" }]}
                rows={d.handleTimes.map((a) => [a.name, a.sent, seconds(a.p50Seconds), seconds(a.p90Seconds)])}
              />
            </div>
          )}
        </Card>
        <Card title="Time in review">
          <dl className="grid grid-cols-2 gap-1 text-sm">
            <dt>Decided by a supervisor</dt>
            <dd className="text-right tabular-nums">{d.reviewTime.decided}</dd>
            <dt>Median (p50)</dt>
            <dd className="text-right tabular-nums">{seconds(d.reviewTime.p50Seconds)}</dd>
            <dt>p90</dt>
            <dd className="text-right tabular-nums">{seconds(d.reviewTime.p90Seconds)}</dd>
            <dt>Waiting now</dt>
            <dd className="text-right tabular-nums">
              <Link href="/review" className="underline">
                {d.reviewTime.waiting}
              </Link>
            </dd>
          </dl>
          <p className="mt-2 text-xs text-slate-600">From the checks sending a ticket to review to the first supervisor decision.</p>
        </Card>
        <Card
          title={`Stolen and blocked hits, escalations (${totals.stolen} stolen · ${totals.blocked} blocked · ${totals.escalations} escalations)`}
          className="lg:col-span-3"
        >
          <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
            <DailyBarChart
              label="Stolen and blocked hits and escalations per day, last 30 days"
              data={d.risk}
              bars={[
                { key: "stolen", name: "Stolen hits", fill: "#b91c1c", stack: "hits" },
                { key: "blocked", name: "Blocked hits", fill: "#d97706", stack: "hits" },
                { key: "escalations", name: "Escalations", fill: "#7c3aed" },
              ]}
            />
            <ChartTable
              caption="Stolen and blocked hits and escalations per day"
              columns={["Day (UTC)", { label: "Stolen", align: "right" }, { label: "Blocked", align: "right" }, { label: "Escalations", align: "right" }]}
              rows={[...d.risk].reverse().map((r) => [r.day, r.stolen, r.blocked, r.escalations])}
            />
          </div>
        </Card>
        <Card title="Worth a look" className="lg:col-span-3">
          <AnomalyList
            data={d.anomalies}
            thresholds={{
              factor: AGENT_ISSUE_MEDIAN_FACTOR,
              agentMin: AGENT_ISSUE_MIN,
              agentDays: AGENT_WINDOW_DAYS,
              deviceMin: DEVICE_ISSUE_MIN,
              requesterMin: REQUESTER_SERIAL_MIN,
              repeatDays: REPEAT_WINDOW_DAYS,
              pairMin: APPROVAL_PAIR_MIN,
            }}
          />
        </Card>
        <Card title="Per agent" className="lg:col-span-2">
          {d.agents.length === 0 ? (
            <p className="text-sm text-slate-600">No tickets in this period.</p>
          ) : (
            <DataTable
              caption="Tickets per agent"
              columns={[
                "Agent",
                { label: "Tickets", align: "right" },
                { label: "Issued", align: "right" },
                { label: "Refused", align: "right" },
                { label: "Review rate", align: "right" },
              ]}
            >
              <tbody className="divide-y divide-slate-100 tabular-nums">
                {d.agents.map((a) => (
                  <tr key={a.agentId}>
                    <td className="py-1.5">
                      <a href={`/audit/tickets?agent=${a.agentId}`} className="underline">
                        {a.name}
                      </a>
                    </td>
                    <td className="text-right">{a.tickets}</td>
                    <td className="text-right">{a.issued}</td>
                    <td className="text-right">{a.refused}</td>
                    <td className="text-right">{Math.round(a.reviewRate * 100)} %</td>
                  </tr>
                ))}
              </tbody>
            </DataTable>
          )}
        </Card>
        <Card title="Chain integrity">
          <div className="flex flex-col gap-4">
            <CheckpointStatus coverage={coverage} />
            <VerifyChainButton />
            <p className="text-sm text-slate-600">
              Keep an anchor outside the console (a ticket, a printout): a later check against it proves nothing before it was cut or rewritten.
            </p>
            <a href="/api/v1/audit/anchor" download className="self-start rounded-md px-3.5 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-100">
              Download the latest anchor (JSON)
            </a>
          </div>
        </Card>
      </div>
    </>
  );
}
