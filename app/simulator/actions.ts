"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { simulatorEnabled } from "@/lib/demo-mode";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { masterKeys } from "@/lib/keys/master-keys";
import { bumpSimulatorVersion } from "@/lib/simulator/bump-simulator-version";
import { powerOffSimulator } from "@/lib/simulator/power-off-simulator";
import { requireSimulatorUser } from "@/lib/simulator/require-simulator-user";
import { resetHost } from "@/lib/simulator/reset-host";
import { runSimulatorStep } from "@/lib/simulator/run-simulator-step";
import { saveSimulator } from "@/lib/simulator/save-simulator";
import { powerOnSchema, simulatorStepSchema } from "@/lib/simulator/schemas";
import { startSimulator } from "@/lib/simulator/start-simulator";

const PAGE = "/simulator";

// Every action checks the switch itself, outside the try, so "off" is a real 404 and is never
// turned into an ordinary error message.
function assertEnabled() {
  if (!simulatorEnabled()) notFound();
}

export async function powerOnAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  assertEnabled();
  try {
    const user = await requireSimulatorUser({ kind: "action", what: "action:simulatorPowerOn" });
    const parsed = powerOnSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const db = getDb();
    const envelope = await startSimulator({ db, request: parsed.data, keys: masterKeys(), resetHost: resetHost() });
    const version = await bumpSimulatorVersion({ db, userId: user.id, from: null });
    await saveSimulator({ userId: user.id, envelope, version, now: Date.now() });
    revalidatePath(PAGE);
    return { ok: true, message: "The device has started." };
  } catch (e) {
    return actionError(e);
  }
}

export async function recorderStepAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  assertEnabled();
  try {
    const user = await requireSimulatorUser({ kind: "action", what: "action:simulatorStep" });
    const parsed = simulatorStepSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const notice = await runSimulatorStep({ db: getDb(), user, keys: masterKeys(), step: parsed.data });
    revalidatePath(PAGE);
    return { ok: true, message: notice?.text ?? "" };
  } catch (e) {
    return actionError(e);
  }
}

export async function powerOffAction(): Promise<ActionState> {
  assertEnabled();
  try {
    const user = await requireSimulatorUser({ kind: "action", what: "action:simulatorPowerOff" });
    await powerOffSimulator({ db: getDb(), userId: user.id });
    revalidatePath(PAGE);
    return { ok: true, message: "The device is off." };
  } catch (e) {
    return actionError(e);
  }
}
