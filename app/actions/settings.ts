"use server";

import { serverAction } from "@/lib/http/server-action";
import { updateSettings } from "@/lib/settings/update-settings";
import { settingsSchema } from "@/lib/validation/settings";

export const updateSettingsAction = serverAction({
  name: "action:updateSettings",
  role: "ADMIN",
  schema: settingsSchema,
  run: async (values, { db, actor }) => {
    const { changed } = await updateSettings({ db, actor, ip: actor.ip, values });
    return { message: changed.length ? `Saved: ${changed.join(", ")}.` : "Nothing changed.", revalidate: ["/admin/settings"] };
  },
});
