"use server";

import { serverAction } from "@/lib/http/server-action";
import { updateSettings } from "@/lib/settings/update-settings";
import { settingsSchema } from "@/lib/validation/settings";

export const updateSettingsAction = serverAction({
  name: "action:updateSettings",
  role: "ADMIN",
  schema: settingsSchema,
  run: async (values, { db, actor }) => {
    const { changes } = await updateSettings({ db, actor, ip: actor.ip, values });
    return { message: changes.length ? `Saved. ${changes.join("; ")}.` : "Nothing changed.", revalidate: ["/admin/settings"] };
  },
});
