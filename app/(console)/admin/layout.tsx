import { AdminTabs } from "@/components/admin/admin-tabs";
import { requirePageUser } from "@/lib/auth/guard";

/** Tabs for the admin area. Not the guard: every admin page checks requirePageUser("ADMIN") itself. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePageUser("ADMIN", "page:/admin (layout)");
  return (
    <>
      <AdminTabs />
      {children}
    </>
  );
}
