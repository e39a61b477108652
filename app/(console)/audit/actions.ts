"use server";

import { recordAudit } from "@/lib/audit/record-audit";
import { parseAnchor } from "@/lib/audit/parse-anchor";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";

export async function verifyChainAction(_prev: ActionState, form?: FormData): Promise<ActionState> {
  try {
    const user = await requireUser("SUPERVISOR", "action:verifyChain");
    const anchorText = form?.get("anchor");
    const anchor = typeof anchorText === "string" && anchorText.trim() ? parseAnchor(anchorText) : undefined;
    if (typeof anchorText === "string" && anchorText.trim() && !anchor) throw invalidInput({ anchor: ["Paste an anchor as seq:hash, e.g. 1234:9f86d0…"] });
    const db = getDb();
    const report = await verifyAuditChain({ db, anchor });
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: user.id, label: user.name },
        action: "audit.chain_verified",
        ip: user.ip,
        details: { ok: report.ok, checked: report.checked, anchorSeq: anchor?.seq ?? null },
      }),
    );
    if (!report.ok) return { ok: false, error: `Chain broken at event #${report.brokenAt} (${report.reason}); ${report.checked} events verified before it.` };
    return {
      ok: true,
      message: `Chain OK: all ${report.checked} events verified${anchor ? `, anchor #${anchor.seq} matches` : ""}. Head: #${report.anchor?.seq ?? 0} ${report.anchor?.hash ?? "(empty log)"}`,
    };
  } catch (e) {
    return actionError(e);
  }
}
