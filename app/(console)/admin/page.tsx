import { redirect } from "next/navigation";
import { requirePageUser } from "@/lib/auth/guard";

export default async function AdminHome() {
  await requirePageUser("ADMIN", "page:/admin");
  redirect("/admin/users");
}
