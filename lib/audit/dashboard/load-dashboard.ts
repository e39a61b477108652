import "server-only";
import type { Db } from "@/lib/db/client";
import { agentStats, type AgentStats } from "./agent-stats";
import { decisionCounts, type DecisionCounts } from "./decision-counts";
import { findAnomalies, type Anomalies } from "./find-anomalies";
import { medianTimeToSend } from "./median-time-to-send";
import { resetVolume, type VolumeDay } from "./reset-volume";
import { DASHBOARD_DAYS, windowStart } from "./window";

export type Dashboard = {
  since: Date;
  volume: VolumeDay[];
  decisions: DecisionCounts;
  timeToSend: { medianSeconds: number | null; sent: number };
  agents: AgentStats[];
  anomalies: Anomalies;
};

/** Everything the supervisors' landing page shows, for the last DASHBOARD_DAYS UTC days. */
export async function loadDashboard(options: { db: Db; now?: Date }): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const since = windowStart(now, DASHBOARD_DAYS);
  const { db } = options;
  const [volume, decisions, timeToSend, agents, anomalies] = await Promise.all([
    resetVolume({ db, now, days: DASHBOARD_DAYS }),
    decisionCounts({ db, since }),
    medianTimeToSend({ db, since }),
    agentStats({ db, since }),
    findAnomalies({ db, now }),
  ]);
  return { since, volume, decisions, timeToSend, agents, anomalies };
}
