import { getDb } from "@/lib/db/client";
import { guardedRoute } from "@/lib/http/route";
import { listUsers } from "@/lib/users/list-users";

export const GET = guardedRoute("ADMIN", "api:GET /api/v1/admin/users", async () => {
  return Response.json({ users: await listUsers({ db: getDb() }) }, { headers: { "Cache-Control": "no-store" } });
});
