import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { NEXT_DIST_DIR } from "./env";

/**
 * Server actions are reachable by anyone who knows their id, whatever the UI shows. Specs call
 * them the way an attacker would: a bare POST with the Next-Action header, ids read from the
 * build's manifest.
 */
export function serverActionId(file: string, exportName: string): string {
  const manifest = JSON.parse(readFileSync(`${NEXT_DIST_DIR}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === exportName && (entry.filename ?? "").includes(file)) return id;
  }
  throw new Error(`server action ${exportName} in ${file} not found in the build manifest`);
}

export async function callServerAction(request: APIRequestContext, options: { page: string; id: string; fields: Record<string, string> }) {
  const form: Record<string, string> = {};
  // useActionState actions receive (prevState, formData); Next encodes them as multipart fields.
  form["1_$ACTION_ID_" + options.id] = "";
  for (const [k, v] of Object.entries(options.fields)) form[`1_${k}`] = v;
  form["0"] = JSON.stringify(["$K1"]);
  return request.post(options.page, { headers: { "Next-Action": options.id, Accept: "text/x-component" }, multipart: form, maxRedirects: 0 });
}
