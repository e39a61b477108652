import type { Metadata } from "next";
import { UserActiveToggle } from "@/components/admin/user-active-toggle";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  await requirePageUser("ADMIN", "page:/admin/users");
  const users = await listUsers({ db: getDb() });
  return (
    <>
      <PageHeader title="Users" description="Who can use the console, and with which role." />
      <Card>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Console users</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="py-2">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col" className="text-right">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id}>
                <td className="py-2 font-medium">{u.name}</td>
                <td>{u.email}</td>
                <td>{u.role.toLowerCase()}</td>
                <td>{u.active ? (u.invited ? "invited" : "active") : "disabled"}</td>
                <td className="py-2 text-right">
                  <UserActiveToggle userId={u.id} name={u.name} active={u.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
