"use client";

import { useActionState } from "react";
import { assignTicketAction } from "@/app/actions/tickets";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";

type Person = { id: string; name: string };

/** Agents take or hand back; supervisors assign to a named person (or unassign). */
export function AssignControl({ ticketId, me, assignee, staff }: { ticketId: string; me: Person; assignee: Person | null; staff: Person[] | null }) {
  const [state, action, pending] = useActionState(assignTicketAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="ticketId" value={ticketId} />
      {staff ? (
        <>
          <label htmlFor="assignee" className="text-sm font-medium text-slate-700">
            Assignee
          </label>
          <select
            key={assignee?.id ?? ""}
            id="assignee"
            name="assigneeId"
            defaultValue={assignee?.id ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          >
            <option value="">Unassigned</option>
            {staff.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" disabled={pending}>
            Assign
          </Button>
        </>
      ) : assignee?.id === me.id ? (
        <>
          <input type="hidden" name="assigneeId" value="" />
          <Button type="submit" variant="ghost" disabled={pending}>
            Hand back
          </Button>
        </>
      ) : !assignee ? (
        <>
          <input type="hidden" name="assigneeId" value={me.id} />
          <Button type="submit" variant="secondary" disabled={pending} aria-keyshortcuts="t">
            Take ticket
          </Button>
        </>
      ) : null}
      <ActionMessage state={state} />
    </form>
  );
}
