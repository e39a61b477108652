"use client";

import { useActionState, useState } from "react";
import { importDevicesAction } from "@/app/(console)/admin/import/actions";
import { ActionMessage } from "@/components/ui/action-message";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { ImportReportView } from "./import-report";
import { submitKeepingValues } from "./submit-keeping-values";

export function ImportForm({ columns }: { columns: string }) {
  const [state, action, pending] = useActionState(importDevicesAction, null);
  const [allowOwnerChanges, setAllowOwnerChanges] = useState(false);
  return (
    <div className="flex flex-col gap-6">
      <form action={action} onSubmit={submitKeepingValues(action)} className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="import-file" className="text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint" className="text-sm" />
          <p id="import-file-hint" className="text-xs text-slate-600">
            UTF-8, header line with exactly these columns in any order: <code>{columns}</code>
          </p>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="allowOwnerChanges" checked={allowOwnerChanges} onChange={(e) => setAllowOwnerChanges(e.target.checked)} />
          Allow owner changes (each previous owner is notified by email)
        </label>
        {allowOwnerChanges ? <Field label="Your password" name="password" type="password" autoComplete="current-password" required /> : null}
        <div className="flex gap-2">
          <Button type="submit" name="mode" value="dry-run" variant="secondary" disabled={pending}>
            Dry run
          </Button>
          <Button type="submit" name="mode" value="import" disabled={pending}>
            Import
          </Button>
          {pending ? <span className="self-center text-sm text-slate-600" role="status">Working…</span> : null}
        </div>
      </form>
      {state && "report" in state ? <ImportReportView message={state.message} ok={state.ok} report={state.report} /> : <ActionMessage state={state} />}
    </div>
  );
}
