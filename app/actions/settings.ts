"use server";

import { z } from "zod";
import { serverAction } from "@/lib/http/server-action";
import { decideZeroTouch, requestZeroTouch } from "@/lib/inbound/zero-touch";
import { updateSettings } from "@/lib/settings/update-settings";
import { requireRecentSecondFactor, stepUpFor } from "@/lib/auth/step-up";
import { settingsFormSchema } from "@/lib/validation/settings";

export const updateSettingsAction = serverAction({
  name: "action:updateSettings",
  role: "ADMIN",
  schema: settingsFormSchema,
  run: async ({ stepUpCode, ...values }, { db, actor, user }) => {
    // The limits and the second-factor rule are the console's controls: changing them needs a recent second factor.
    await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), "settings.change");
    const { changes } = await updateSettings({ db, actor, ip: actor.ip, values });
    return { message: changes.length ? `Saved. ${changes.join("; ")}.` : "Nothing changed.", revalidate: ["/admin/settings"] };
  },
});

/** Zero-touch: turning it off is immediate; turning it on files a request a second admin approves. */
export const requestZeroTouchAction = serverAction({
  name: "action:requestZeroTouch",
  role: "ADMIN",
  schema: z.object({ enable: z.enum(["on", "off"]) }),
  run: async ({ enable }, { db, actor }) => {
    const { pending } = await requestZeroTouch({ db, actor, enable: enable === "on" });
    return { message: pending ? "Requested: a second admin must approve turning zero-touch on." : "Zero-touch is off.", revalidate: ["/admin/settings"] };
  },
});

export const decideZeroTouchAction = serverAction({
  name: "action:decideZeroTouch",
  role: "ADMIN",
  schema: z.object({ decision: z.enum(["approve", "refuse"]), stepUpCode: z.string().trim().max(64).optional() }),
  run: async ({ decision, stepUpCode }, { db, actor, user }) => {
    // Approving lets the console send codes with no agent: a recent second factor (refusing only takes away).
    if (decision === "approve") await requireRecentSecondFactor(db, stepUpFor(user, stepUpCode), "zero_touch.approve");
    const state = await decideZeroTouch({ db, actor, approve: decision === "approve" });
    return { message: state.enabled ? "Zero-touch is on." : "Request refused: zero-touch stays off.", revalidate: ["/admin/settings"] };
  },
});
