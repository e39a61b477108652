import "server-only";
import type { Db } from "@/lib/db/client";
import { dailyRisk, type RiskDay } from "./daily-risk";
import { findAnomalies, type Anomalies } from "./find-anomalies";
import { handleTimes, reviewTime, type AgentHandleTime, type ReviewTime } from "./handle-times";
import { medianTimeToSend } from "./median-time-to-send";
import { resetVolume, type VolumeDay } from "./reset-volume";
import { DASHBOARD_DAYS, windowStart } from "./window";
import { windowTickets, type AgentStats, type DecisionCounts } from "./window-tickets";

export type Dashboard = {
  since: Date;
  volume: VolumeDay[];
  decisions: DecisionCounts;
  timeToSend: { medianSeconds: number | null; sent: number };
  agents: AgentStats[];
  anomalies: Anomalies;
  handleTimes: AgentHandleTime[];
  reviewTime: ReviewTime;
  risk: RiskDay[];
};

/** Everything the supervisors' landing page shows, for the last DASHBOARD_DAYS UTC days. */
export async function loadDashboard(options: { db: Db; now?: Date }): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const since = windowStart(now, DASHBOARD_DAYS);
  const { db } = options;
  const tickets = windowTickets({ db, since });
  const [{ decisions, agents }, volume, timeToSend, anomalies, handle, review, risk] = await Promise.all([
    tickets,
    resetVolume({ db, now, days: DASHBOARD_DAYS, ticketsByDay: tickets.then((t) => t.ticketsByDay) }),
    medianTimeToSend({ db, since }),
    findAnomalies({ db, now }),
    handleTimes({ db, since }),
    reviewTime({ db, since }),
    dailyRisk({ db, now, days: DASHBOARD_DAYS }),
  ]);
  return { since, volume, decisions, timeToSend, agents, anomalies, handleTimes: handle, reviewTime: review, risk };
}
