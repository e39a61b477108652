import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnomalyList, type AnomalyData } from "./anomaly-list";

const THRESHOLDS = { factor: 3, agentMin: 5, agentDays: 7, deviceMin: 3, requesterMin: 3, repeatDays: 30, pairMin: 5 };
const EMPTY: AnomalyData = { teamMedianIssues: 1, busyAgents: [], repeatDevices: [], busyRequesters: [], recurringPairs: [] };
const text = (data: AnomalyData) => renderToStaticMarkup(createElement(AnomalyList, { data, thresholds: THRESHOLDS })).replace(/<!-- -->/g, "");

// [findings, a link it shows, the words beside it, a section heading]
const ROWS: [Partial<AnomalyData>, string, string, string][] = [
  [
    { busyAgents: [{ agentId: "a1", name: "Sam Agent", issued: 12 }] },
    '<a class="underline" href="/audit/tickets?agent=a1">Sam Agent</a>',
    ": 12 codes",
    "Agents issuing far more than the team (&gt; 3× the median of 1, ≥ 5 in 7 days)",
  ],
  [
    { repeatDevices: [{ serial: "NVR8 X/1", issues: 4 }] },
    '<a class="underline" href="/audit/devices/NVR8%20X%2F1">NVR8 X/1</a>',
    ": 4 codes",
    "Recorders reset again and again (≥ 3 codes in 30 days)",
  ],
  [
    { busyRequesters: [{ email: "a+b@example.com", serials: 5 }] },
    '<a class="underline" href="/audit/tickets?email=a%2Bb%40example.com">a+b@example.com</a>',
    ": 5 recorders",
    "One requester, many recorders (≥ 3 serials in 30 days)",
  ],
  [
    { recurringPairs: [{ requesterId: "a1", requester: "Sam Agent", approverId: "s1", approver: "Pat Sup", approvals: 7 }] },
    '<a class="underline" href="/audit/tickets?agent=a1">Sam Agent → Pat Sup</a>',
    ": 7 approvals",
    "The same two people approving each other&#x27;s exceptions (≥ 5 approvals in 30 days)",
  ],
];

describe("AnomalyList", () => {
  it.each(ROWS)("%j", (findings, link, words, heading) => {
    const html = text({ ...EMPTY, ...findings });
    expect(html).toContain(link);
    expect(html).toContain(`${link}${words}</li>`);
    expect(html).toContain(heading);
    expect(html.match(/<section>/g)).toHaveLength(1);
  });
  it("says so when nothing stands out", () => {
    expect(text(EMPTY)).toBe('<p class="text-sm text-slate-600">Nothing unusual.</p>');
  });
});
