import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
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

/**
 * POSTs from inside `page` (its cookies, its origin) exactly as React encodes a
 * useActionState call: (prevState = null, formData). The FormData fields carry the "_1_" prefix
 * and the root "0" goes last. Returns the RSC response text, which holds the action's result.
 */
export async function callServerAction(page: Page, options: { path: string; id: string; fields: Record<string, string> }): Promise<string> {
  return page.evaluate(async ({ path, id, fields }) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
    body.append("0", JSON.stringify([null, "$K1"]));
    const response = await fetch(path, { method: "POST", headers: { "Next-Action": id, Accept: "text/x-component" }, body, redirect: "manual" });
    return `${response.status}\n${await response.text()}`;
  }, options);
}
