import { deviceImportTemplate } from "@/lib/devices/import/import-template";
import { guardedRoute } from "@/lib/http/route";
import { keyVersions } from "@/lib/settings/key-versions";

/** The device import's CSV template (admins only): the expected header and two example rows. */
export const GET = guardedRoute("ADMIN", "api:GET /api/v1/admin/devices/import/template", async () => {
  const keys = keyVersions();
  return new Response(deviceImportTemplate("error" in keys ? 1 : keys.current), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="device-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});
