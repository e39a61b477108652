"use client";

import { useActionState } from "react";
import { toast } from "sonner";
import { decidePrivilegeRequestAction } from "@/app/actions/users";
import { useStepUp } from "@/components/auth/step-up";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import type { PrivilegeChange, Role } from "@/lib/generated/prisma/enums";
import { canDecidePrivilegeRequest } from "@/lib/users/privilege-rules";

export type PrivilegeRequestView = {
  id: string;
  change: PrivilegeChange;
  role: Role | null;
  userId: string | null;
  name: string;
  email: string;
  currentRole: Role | null;
  requestedById: string;
  requestedBy: string;
  requestedAt: string;
};

/** "Make Ann Lee supervisor", "Re-enable Ann Lee", "Invite Ann Lee (ann@…) as admin": the change in words. */
export function describePrivilegeRequest(r: Pick<PrivilegeRequestView, "change" | "role" | "name" | "email">): string {
  const role = r.role?.toLowerCase() ?? "";
  if (r.change === "REACTIVATE") return `Re-enable ${r.name}`;
  if (r.change === "MFA_RESET") return `Reset the second factor of ${r.name}`;
  if (r.change === "INVITE") return `Invite ${r.name} (${r.email}) as ${role}`;
  return `Make ${r.name} ${role}`;
}

function DecideButtons({ request }: { request: PrivilegeRequestView }) {
  // A decided request leaves the list (and this form with it) on the same render, so the outcome
  // is said in a toast, which outlives the row.
  const [state, action, pending] = useActionState(async (previous: Awaited<ReturnType<typeof decidePrivilegeRequestAction>>, form: FormData) => {
    const result = await decidePrivilegeRequestAction(previous, form);
    if (result?.ok) toast.success(result.message);
    return result;
  }, null);
  const what = describePrivilegeRequest(request);
  const stepUp = useStepUp(state, action);
  return (
    <form action={action} onSubmit={stepUp.onSubmit} className="flex flex-col items-end gap-1">
      <input type="hidden" name="requestId" value={request.id} />
      <div className="flex gap-1">
        <Button type="submit" name="decision" value="APPROVE" variant="primary" disabled={pending} aria-label={`Approve: ${what}`}>
          Approve
        </Button>
        <Button type="submit" name="decision" value="REFUSE" variant="secondary" disabled={pending} aria-label={`Refuse: ${what}`}>
          Refuse
        </Button>
      </div>
      <ActionMessage state={state} />
      {stepUp.dialog}
    </form>
  );
}

/**
 * Privilege changes waiting for a second admin. The requester (and the user a request concerns)
 * sees it without buttons: canDecidePrivilegeRequest, the rule the server applies, says who may decide.
 */
export function PrivilegeRequests({ requests, viewer }: { requests: PrivilegeRequestView[]; viewer: { id: string; role: Role } }) {
  if (requests.length === 0) return <p className="text-sm text-slate-600">No privilege change is waiting for approval.</p>;
  return (
    <DataTable caption="Privilege changes waiting for a second admin" columns={["Change", "Asked by", "Asked at", { label: "Decision", align: "right" }]}>
      <tbody className="divide-y divide-slate-100">
        {requests.map((r) => {
          const verdict = canDecidePrivilegeRequest({ status: "PENDING", change: r.change, requestedById: r.requestedById, userId: r.userId }, viewer);
          return (
            <tr key={r.id} className="align-top">
              <td className="py-2 font-medium">{describePrivilegeRequest(r)}</td>
              <td className="py-2">{r.requestedBy}</td>
              <td className="py-2">
                <time dateTime={r.requestedAt}>{r.requestedAt.slice(0, 16).replace("T", " ")} UTC</time>
              </td>
              <td className="py-2 text-right">{verdict.ok ? <DecideButtons request={r} /> : <span className="text-slate-600">{verdict.message}</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}
