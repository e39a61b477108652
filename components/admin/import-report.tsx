import { Alert } from "@/components/ui/alert";
import type { DeviceImportReport } from "@/lib/devices/import/import-devices";

/** The outcome of a dry run or import. Values echoed from the file were made spreadsheet-safe on the server. */
export function ImportReportView({ message, ok, report }: { message: string; ok: boolean; report: DeviceImportReport }) {
  return (
    <section aria-label="Import report" className="flex flex-col gap-3">
      <Alert tone={ok ? "success" : "error"} title={message}>
        {report.fatal ? <p>{report.fatal}</p> : null}
        <p className="text-xs break-all">
          {report.fileName} · {plural(report.rows, "row")}
          {report.badRows ? `, ${report.badRows} with errors` : ""} · {report.delimiter}-separated · sha256 {report.sha256.slice(0, 16)}…
        </p>
      </Alert>
      {report.counts ? (
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
          {(["create", "update", "unchanged", "ownerChanges", "statusChanges"] as const).map((k) => (
            <div key={k} className="rounded border border-slate-200 p-2">
              <dt className="text-xs text-slate-500">
                {{ create: "To create", update: "To update", unchanged: "Unchanged", ownerChanges: "Owner changes", statusChanges: "Status changes" }[k]}
              </dt>
              <dd className="text-lg font-semibold" data-testid={`count-${k}`}>
                {report.counts![k]}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {report.ownerChanges.length ? (
        <Alert tone="warning" title="Owners of record that would change (each previous owner is notified)">
          <ul>
            {report.ownerChanges.map((c) => (
              <li key={c.serial}>
                Line {c.line}: {c.serial} {c.from ?? "(no owner)"} → {c.to}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {report.errors.length ? (
        <table className="w-full text-left text-sm">
          <caption className="text-left text-sm font-medium">
            {plural(report.errorCount, "error")} in {plural(report.badRows, "row")}
            {report.errorCount > report.errors.length ? `, first ${report.errors.length} shown` : ""}, by line in the file
          </caption>
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.line}</td>
                <td>{e.field ? <code>{e.field}</code> : "—"}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
