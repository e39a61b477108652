import "server-only";
import type { Db } from "@/lib/db/client";

/** Pending privilege requests, oldest first, with the requester's name (the users page's list). */
export async function listPrivilegeRequests(options: { db: Db }) {
  const requests = await options.db.privilegeRequest.findMany({ where: { status: "PENDING" }, orderBy: { requestedAt: "asc" }, take: 200 });
  const people = await options.db.user.findMany({
    where: { id: { in: [...new Set(requests.flatMap((r) => [r.requestedById, ...(r.userId ? [r.userId] : [])]))] } },
    select: { id: true, name: true, role: true, email: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return requests.map((r) => ({
    id: r.id,
    change: r.change,
    status: r.status,
    role: r.role,
    userId: r.userId,
    name: r.name ?? byId.get(r.userId ?? "")?.name ?? "",
    email: r.email ?? byId.get(r.userId ?? "")?.email ?? "",
    currentRole: r.userId ? (byId.get(r.userId)?.role ?? null) : null,
    requestedById: r.requestedById,
    requestedBy: byId.get(r.requestedById)?.name ?? "(removed user)",
    requestedAt: r.requestedAt,
  }));
}

export type PrivilegeRequestRow = Awaited<ReturnType<typeof listPrivilegeRequests>>[number];
