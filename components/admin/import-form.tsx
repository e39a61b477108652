"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { DEVICE_IMPORT_UPLOAD } from "@/lib/devices/import/upload-protocol";
import { FieldError, fieldAria } from "@/components/ui/field";
import { ImportReportView } from "./import-report";
import { uploadDeviceCsv, type ImportUploadState } from "./upload-device-csv";

const MAX_MB = DEVICE_IMPORT_UPLOAD.maxBytes / (1024 * 1024);
const subscribeNever = () => () => {};

/** False in the server HTML, true once React runs: the upload needs JavaScript, so the buttons wait for it. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}

export function ImportForm({ columns }: { columns: string }) {
  const [state, setState] = useState<ImportUploadState>(null);
  const [pending, setPending] = useState(false);
  const [allowOwnerChanges, setAllowOwnerChanges] = useState(false);
  const hydrated = useHydrated();
  const errors = state?.kind === "error" ? state.fieldErrors : undefined;
  const fileAria = fieldAria("import-file", { hint: true, errors: errors?.file });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Enter in a field submits with the first button, the dry run: the harmless choice.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || !file.name) {
      setState({ kind: "error", message: "Choose a CSV file.", fieldErrors: { file: ["Choose a CSV file."] } });
      return;
    }
    setState(null);
    setPending(true);
    try {
      setState(await uploadDeviceCsv({ file, dryRun: submitter?.value !== "import", allowOwnerChanges, stepUpCode: String(form.get("stepUpCode") ?? "") }));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      {/* method="post": should a submit ever happen without JavaScript, the password stays out of the URL. */}
      <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor="import-file" className="text-sm font-medium text-slate-800">
            CSV file
          </label>
          <input
            id="import-file"
            name="file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            required
            {...fileAria.control}
            className="text-sm"
          />
          <p id={fileAria.hintId} className="text-xs text-slate-600">
            UTF-8 (or Excel&rsquo;s CSV and Unicode text), separated by commas, semicolons or tabs, at most {MAX_MB} MB; a header line with exactly these
            columns in any order: <code className="wrap-anywhere">{columns}</code>. Statuses in any case.{" "}
            {/* A plain link: a download, not a client-side navigation. */}
            <a href="/api/v1/admin/devices/import/template" download className="font-medium text-brand-700 underline">
              Download the template
            </a>
          </p>
          <FieldError id={fileAria.errorId} errors={errors?.file} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="allowOwnerChanges" checked={allowOwnerChanges} onChange={(e) => setAllowOwnerChanges(e.target.checked)} />
          Allow owner changes (each previous owner is notified by email)
        </label>
        {allowOwnerChanges ? (
          <Field
            label="Authenticator code"
            name="stepUpCode"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={64}
            hint="Needed when your last code is more than 5 minutes old: owner changes reroute future reset codes."
            errors={errors?.stepUpCode}
          />
        ) : null}
        <div className="flex gap-2">
          <Button type="submit" name="mode" value="dry-run" variant="secondary" disabled={!hydrated || pending}>
            Dry run
          </Button>
          <Button type="submit" name="mode" value="import" disabled={!hydrated || pending}>
            Import
          </Button>
          {pending ? (
            <span className="self-center text-sm text-slate-600" role="status">
              Uploading and checking the file…
            </span>
          ) : null}
        </div>
      </form>
      {state?.kind === "report" ? <ImportReportView message={state.message} ok={state.ok} report={state.report} /> : null}
      {state?.kind === "error" ? <Alert tone="error">{state.message}</Alert> : null}
    </div>
  );
}
