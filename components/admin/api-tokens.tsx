"use client";

import { createApiTokenAction, revokeApiTokenAction } from "@/app/actions/api";
import { Field } from "@/components/ui/field";
import { API_SCOPES, SCOPE_LABELS } from "@/lib/api-tokens/scopes";
import { fieldErrors } from "./field-errors";
import { ConfirmedRowAction } from "./confirmed-row-action";
import { CheckboxList, SecretDialogForm } from "./secret-dialog-form";
import { SelectField } from "./select-field";

const EXPIRY_OPTIONS = [
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "180", label: "180 days" },
  { value: "365", label: "1 year" },
];

export function CreateApiTokenDialog() {
  return (
    <SecretDialogForm
      trigger="New token"
      title="New API token"
      description="For a helpdesk or script: it acts with your account's role, limited to the scopes you pick, until it expires or is revoked."
      action={createApiTokenAction}
      secretLabel="The token (send it as Authorization: Bearer …)"
      submitLabel="Create token"
    >
      {(state) => (
        <>
          <Field label="Name" name="name" required maxLength={80} placeholder="Zendesk integration" errors={fieldErrors(state, "name")} id="token-name" />
          <CheckboxList
            name="scopes"
            legend="Scopes"
            options={API_SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
            errors={fieldErrors(state, "scopes")}
          />
          <SelectField
            label="Expires in"
            name="expiresInDays"
            options={EXPIRY_OPTIONS}
            defaultValue="90"
            errors={fieldErrors(state, "expiresInDays")}
            id="token-expiry"
          />
        </>
      )}
    </SecretDialogForm>
  );
}

export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  return (
    <ConfirmedRowAction
      action={revokeApiTokenAction}
      fields={{ tokenId }}
      label="Revoke"
      ariaLabel={`Revoke ${name}`}
      title={`Revoke "${name}"?`}
      description="Every request with this token is refused from now on, on every instance. This cannot be undone: a new token would have to be given out."
      confirmLabel="Revoke token"
    />
  );
}
