"use server";

import { z } from "zod";
import { serverAction } from "@/lib/http/server-action";
import { simulatorKeys } from "@/lib/simulator/simulator-keys";
import { bumpSimulatorVersion, powerOffSimulator, saveSimulator } from "@/lib/simulator/simulator-store";
import { requireSimulatorUser } from "@/lib/simulator/require-simulator-user";
import { resetHost } from "@/lib/simulator/reset-host";
import { runSimulatorStep } from "@/lib/simulator/run-simulator-step";
import { powerOnSchema, simulatorStepSchema } from "@/lib/simulator/schemas";
import { startSimulator } from "@/lib/simulator/start-simulator";

const PAGE = "/simulator";

// The simulator's gate answers a real 404 when it is switched off (it does not exist in
// production), then asks for a signed-in console user of any role.
const authorize = (name: string) => requireSimulatorUser({ kind: "action", what: name });

export const powerOnAction = serverAction({
  name: "action:simulatorPowerOn",
  role: "AGENT",
  authorize,
  schema: powerOnSchema,
  run: async (request, { db, user }) => {
    const envelope = await startSimulator({ db, request, keys: simulatorKeys(), resetHost: resetHost() });
    const version = await bumpSimulatorVersion({ db, userId: user.id, from: null });
    await saveSimulator({ userId: user.id, envelope, version, now: Date.now() });
    return { message: "The device has started.", revalidate: [PAGE] };
  },
});

export const recorderStepAction = serverAction({
  name: "action:simulatorStep",
  role: "AGENT",
  authorize,
  schema: simulatorStepSchema,
  run: async (step, { db, user }) => {
    const notice = await runSimulatorStep({ db, user, keys: simulatorKeys(), step });
    return { message: notice?.text ?? "", revalidate: [PAGE] };
  },
});

export const powerOffAction = serverAction({
  name: "action:simulatorPowerOff",
  role: "AGENT",
  authorize,
  schema: z.object({}),
  run: async (_input, { db, user }) => {
    await powerOffSimulator({ db, userId: user.id });
    return { message: "The device is off.", revalidate: [PAGE] };
  },
});
