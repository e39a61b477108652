"use server";

import { recordAudit } from "@/lib/audit/record-audit";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { actionError, type ActionState } from "@/lib/http/action-state";

export async function verifyChainAction(_prev: ActionState): Promise<ActionState> {
  try {
    const user = await requireUser("SUPERVISOR", "action:verifyChain");
    const db = getDb();
    const report = await verifyAuditChain({ db });
    await db.$transaction((tx) => recordAudit(tx, { actor: { id: user.id, label: user.name }, action: "audit.chain_verified", ip: user.ip, details: { ok: report.ok, checked: report.checked } }));
    if (!report.ok) return { ok: false, error: `Chain broken at event #${report.brokenAt} (${report.reason}); ${report.checked} events verified before it.` };
    return { ok: true, message: `All ${report.checked} events verified. Anchor: #${report.anchor?.seq ?? 0} ${report.anchor?.hash ?? "(empty log)"}` };
  } catch (e) {
    return actionError(e);
  }
}
