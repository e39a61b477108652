"use server";

import { serverAction } from "@/lib/http/server-action";
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
