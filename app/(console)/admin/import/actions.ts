"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { importDevices, type DeviceImportReport } from "@/lib/devices/import/import-devices";
import { AppError } from "@/lib/errors";
import { actionError, invalidInput, type ActionState } from "@/lib/http/action-state";
import { verifyActorPassword } from "@/lib/users/verify-actor-password";
import { importOptionsSchema } from "@/lib/validation/devices";

export type ImportActionState = ActionState | { ok: boolean; message: string; report: DeviceImportReport };

export async function importDevicesAction(_prev: ImportActionState, form: FormData): Promise<ImportActionState> {
  try {
    const user = await requireUser("ADMIN", "action:importDevices");
    const parsed = importOptionsSchema.safeParse({ mode: form.get("mode"), allowOwnerChanges: form.get("allowOwnerChanges") ?? undefined, password: form.get("password") ?? undefined });
    if (!parsed.success) throw invalidInput(parsed.error.flatten().fieldErrors);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new AppError("INVALID_INPUT", "Choose a CSV file.", { file: ["Choose a CSV file."] });
    const actor = { id: user.id, label: user.name };
    const dryRun = parsed.data.mode === "dry-run";
    let authorized = false;
    if (!dryRun && parsed.data.allowOwnerChanges) {
      await verifyActorPassword({ db: getDb(), actor, ip: user.ip, password: parsed.data.password ?? "", purpose: "device.import_owner_changes" });
      authorized = true;
    }
    const source = file.stream() as unknown as AsyncIterable<Uint8Array>;
    const report = await importDevices({ db: getDb(), actor, ip: user.ip, fileName: file.name, source, dryRun, ownerChangesAuthorized: authorized });
    if (report.imported) revalidatePath("/admin/devices");
    const ok = !report.fatal && report.errorCount === 0;
    const message = report.imported ? "Imported." : ok ? "Dry run: nothing was written." : "The file was refused: nothing was imported.";
    return { ok, message, report };
  } catch (e) {
    return actionError(e);
  }
}
