"use client";

import { useActionState } from "react";
import { inviteUserAction } from "@/app/actions/users";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Role } from "@/lib/generated/prisma/enums";
import { fieldErrors } from "./field-errors";
import { SelectField } from "./select-field";
import { submitKeepingValues } from "@/components/ui/submit-keeping-values";

const ROLE_LABELS: Record<Role, string> = { AGENT: "Agent", SUPERVISOR: "Supervisor", ADMIN: "Admin" };
/** The roles from the schema, lowest first, with their labels (a new role needs a label here). */
export const ROLE_OPTIONS = Object.values(Role).map((value) => ({ value, label: ROLE_LABELS[value] }));

export function InviteUserForm() {
  const [state, action, pending] = useActionState(inviteUserAction, null);
  return (
    <form action={action} onSubmit={submitKeepingValues(action)} className="grid gap-3 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end">
      <Field label="Name" name="name" required maxLength={120} errors={fieldErrors(state, "name")} id="invite-name" />
      <Field label="Email" name="email" type="email" required maxLength={254} errors={fieldErrors(state, "email")} id="invite-email" />
      <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue="AGENT" id="invite-role" />
      <Button type="submit" disabled={pending}>
        {pending ? "Inviting…" : "Invite"}
      </Button>
      <div className="sm:col-span-4">
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
