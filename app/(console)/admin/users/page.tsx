import type { Metadata } from "next";
import { InviteUserForm } from "@/components/admin/invite-user-form";
import { PrivilegeRequests } from "@/components/admin/privilege-requests";
import { UserActiveToggle } from "@/components/admin/user-active-toggle";
import { UserIdButton } from "@/components/admin/user-id-button";
import { UserRoleForm } from "@/components/admin/user-role-form";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { listPrivilegeRequests } from "@/lib/users/list-privilege-requests";
import { formatUtc } from "@/lib/time";
import { listUsers } from "@/lib/users/list-users";
import { clearThrottleAction, requestFactorResetAction, resendInvitationAction } from "@/app/actions/users";

export const metadata: Metadata = { title: "Users" };

function statusLabel(u: { active: boolean; invited: boolean; invitationExpired: boolean }) {
  if (!u.active) return "disabled";
  if (u.invited) return u.invitationExpired ? "invitation expired" : "invited";
  return "active";
}

export default async function UsersPage() {
  const viewer = await requirePageUser("ADMIN", "page:/admin/users");
  const [users, requests] = await Promise.all([listUsers({ db: getDb() }), listPrivilegeRequests({ db: getDb() })]);
  return (
    <>
      <PageHeader title="Users" description="Who can use the console, and with which role." />
      <Card title={`Waiting for a second admin (${requests.length})`} className="mb-6">
        <PrivilegeRequests requests={requests.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() }))} viewer={{ id: viewer.id, role: viewer.role }} />
      </Card>
      <Card title="Invite a user" className="mb-6">
        <InviteUserForm />
      </Card>
      <Card>
        <DataTable caption="Console users" columns={["Name", "Email", "Role", "Status", "Last sign-in (UTC)", { label: "Actions", align: "right" }]}>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => (
              <tr key={u.id} className="align-top">
                <td className="py-2 font-medium">{u.name}</td>
                <td className="py-2">{u.email}</td>
                <td className="py-2">
                  <UserRoleForm userId={u.id} name={u.name} role={u.role} />
                </td>
                <td className="py-2">
                  {statusLabel(u)}
                  {u.signInLocked ? (
                    <span className="mt-1 block w-fit rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                      Sign-in blocked: too many failed attempts
                    </span>
                  ) : null}
                </td>
                <td className="py-2 whitespace-nowrap">{u.lastSignInAt ? formatUtc(u.lastSignInAt) : u.invited ? "—" : "never"}</td>
                <td className="py-2">
                  <div className="flex flex-wrap items-start justify-end gap-1">
                    {u.invited && u.active ? (
                      <UserIdButton userId={u.id} label="Resend invitation" ariaLabel={`Resend invitation to ${u.name}`} action={resendInvitationAction} />
                    ) : null}
                    {u.signInLocked ? (
                      <UserIdButton userId={u.id} label="Clear sign-in lock" ariaLabel={`Clear sign-in lock of ${u.name}`} action={clearThrottleAction} />
                    ) : null}
                    {u.hasSecondFactor && u.id !== viewer.id ? (
                      <UserIdButton
                        userId={u.id}
                        label="Reset second factor"
                        ariaLabel={`Reset second factor of ${u.name}`}
                        action={requestFactorResetAction}
                      />
                    ) : null}
                    <UserActiveToggle userId={u.id} name={u.name} active={u.active} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      </Card>
    </>
  );
}
