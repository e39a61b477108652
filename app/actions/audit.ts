"use server";

import { z } from "zod";
import { parseAnchor } from "@/lib/audit/parse-anchor";
import { describeCoverage, verifyAuditChainAs } from "@/lib/audit/verify-chain";
import { AppError } from "@/lib/errors";
import { serverAction } from "@/lib/http/server-action";

const verifyChainSchema = z.object({
  anchor: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((text, ctx) => {
      if (!text) return undefined;
      const anchor = parseAnchor(text);
      if (!anchor) ctx.addIssue({ code: "custom", message: "Paste an anchor as seq:hash, e.g. 1234:9f86d0…" });
      return anchor;
    }),
});

export const verifyChainAction = serverAction({
  name: "action:verifyChain",
  role: "SUPERVISOR",
  schema: verifyChainSchema,
  run: async ({ anchor }, { db, actor }) => {
    const report = await verifyAuditChainAs({ db, actor, ip: actor.ip, anchor });
    if (!report.ok)
      throw new AppError(
        "CONFLICT",
        `Chain broken at event #${report.brokenAt}${report.checkpoint ? ` (checkpoint #${report.checkpoint})` : ""}: ${report.message} (${report.reason}); ${report.checked} events verified before it.`,
      );
    return {
      message: `Chain OK: all ${report.checked} events verified${anchor ? `, anchor #${anchor.seq} matches` : ""}. ${describeCoverage(report.checkpoints)} Head: #${report.anchor?.seq ?? 0} ${report.anchor?.hash ?? "(empty log)"}`,
    };
  },
});
