"use server";

import { saveReplyTemplate, saveReplyTemplateSchema } from "@/lib/guidance/reply-templates";
import { serverAction } from "@/lib/http/server-action";

/** A supervisor saves a new version of one customer reply (versioned and audited in lib/guidance). */
export const saveReplyTemplateAction = serverAction({
  name: "action:saveReplyTemplate",
  role: "SUPERVISOR",
  schema: saveReplyTemplateSchema,
  run: async (input, { db, actor }) => {
    const { version } = await saveReplyTemplate({ db, actor, ip: actor.ip, ...input });
    return { message: `Saved as version ${version}. Agents copy it from now on.`, revalidate: ["/templates"] };
  },
});
