import type { RecorderScreen } from "@/lib/recorder";
import type { SimulatorView } from "@/lib/simulator/types";
import { ForgotScreen } from "./forgot-screen";
import { LoginScreen } from "./login-screen";
import { NewPasswordScreen } from "./new-password-screen";
import { RecorderClock } from "./recorder-clock";
import { RecorderNotice } from "./recorder-notice";
import { RecorderWindow } from "./recorder-window";
import { RetrieveScreen } from "./retrieve-screen";
import { DoneScreen, SyncPromptScreen } from "./sync-screens";

const TITLES: Record<RecorderScreen, string> = {
  login: "Login",
  forgot: "Forgot Password",
  retrieve: "Retrieve Password",
  "new-password": "Set New Password",
  "sync-prompt": "Sync Password",
  success: "Password Reset",
  synced: "Password Reset",
};

const CAMERA_TILES = ["CH1", "CH2", "CH3", "CH4"];

function Screen({ view }: { view: SimulatorView }) {
  switch (view.screen) {
    case "login":
      return <LoginScreen />;
    case "forgot":
      return <ForgotScreen />;
    case "retrieve":
      return <RetrieveScreen view={view} />;
    case "new-password":
      return <NewPasswordScreen />;
    case "sync-prompt":
      return <SyncPromptScreen />;
    case "success":
    case "synced":
      return <DoneScreen />;
  }
}

/** A 16:9 monitor showing the recorder's local UI: status bar, camera tiles behind, the dialog in front. */
export function RecorderMonitor({ view }: { view: SimulatorView }) {
  return (
    <div className="rounded-xl bg-gradient-to-b from-neutral-800 to-neutral-900 p-3 pb-2 shadow-2xl ring-1 ring-black">
      <div className="relative flex aspect-video w-full flex-col rounded-sm bg-black text-slate-100" data-testid="recorder-monitor">
        <div className="flex items-center justify-between gap-3 border-b border-white/10 bg-slate-900/90 px-3 py-1 text-xs text-slate-300">
          <p>
            <span className="font-semibold text-slate-100">{view.model}</span>
            <span className="mx-2 text-slate-600" aria-hidden="true">
              |
            </span>
            <span>
              S/N <span className="font-mono">{view.serial}</span>
            </span>
            <span className="mx-2 text-slate-600" aria-hidden="true">
              |
            </span>
            <span>FW {view.firmware}</span>
          </p>
          <RecorderClock key={view.renderedAtMs} offsetMs={view.clockOffsetMs} renderedAtMs={view.renderedAtMs} />
        </div>
        <div className="relative flex flex-1 items-center justify-center p-4">
          <div aria-hidden="true" className="absolute inset-0 grid grid-cols-2 grid-rows-2 gap-px bg-slate-800/60 p-px">
            {CAMERA_TILES.map((tile) => (
              <div key={tile} className="flex items-start justify-start bg-gradient-to-br from-slate-950 to-slate-900 p-2 text-[10px] text-slate-600">
                {tile} · No video
              </div>
            ))}
          </div>
          <div className="relative z-10 flex w-full justify-center">
            <RecorderWindow title={TITLES[view.screen]} wide={view.screen === "retrieve"}>
              <RecorderNotice notice={view.notice} />
              <Screen view={view} />
            </RecorderWindow>
          </div>
        </div>
      </div>
      <div className="flex items-center justify-between px-2 pt-2 text-[10px] uppercase tracking-[0.3em] text-neutral-500" aria-hidden="true">
        <span>Virtual NVR</span>
        <span className="flex items-center gap-1.5">
          <span className="inline-block size-1.5 rounded-full bg-emerald-400 shadow-[0_0_6px] shadow-emerald-400" /> Power
        </span>
      </div>
    </div>
  );
}
