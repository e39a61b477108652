import type { Metadata } from "next";
import { PowerOnPanel } from "@/components/simulator/power-on-panel";
import { RecorderMonitor } from "@/components/simulator/recorder-monitor";
import { ServicePanel } from "@/components/simulator/service-panel";
import { SimulatorShell } from "@/components/simulator/simulator-shell";
import { getDb } from "@/lib/db/client";
import { simulatorKeys } from "@/lib/simulator/simulator-keys";
import { loadSimulatorPage } from "@/lib/simulator/load-simulator-page";
import { requireSimulatorUser } from "@/lib/simulator/require-simulator-user";

export const metadata: Metadata = { title: "Virtual recorder" };
// Whether the simulator exists is run-time configuration (ENABLE_SIMULATOR, DEMO_MODE): a build
// made without it must not prerender a permanent 404 here.
export const dynamic = "force-dynamic";

export default async function SimulatorPage() {
  // 404 when the simulator is off, then any signed-in console user.
  const user = await requireSimulatorUser({ kind: "page", what: "page:/simulator" });
  const data = await loadSimulatorPage({ db: getDb(), userId: user.id, keys: simulatorKeys() });
  return (
    <SimulatorShell userName={user.name}>
      {data.kind === "off" ? (
        <>
          <p className="text-sm text-slate-400">No recorder is running. Choose one to power on.</p>
          <PowerOnPanel devices={data.devices} defaultKeyVersion={data.defaultKeyVersion} />
        </>
      ) : (
        <>
          <RecorderMonitor view={data.view} />
          <ServicePanel view={data.view} />
        </>
      )}
    </SimulatorShell>
  );
}
