import { AdminTabs } from "@/components/admin/admin-tabs";
import { currentUser } from "@/lib/auth/guard";

/**
 * Tabs for the admin area, shown to admins only. Not the guard: every admin page calls
 * requirePageUser("ADMIN") itself (which also audits a refusal once, not twice).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <>
      {user?.role === "ADMIN" ? <AdminTabs /> : null}
      {children}
    </>
  );
}
