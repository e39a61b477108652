import type { Metadata } from "next";
import { ImportForm } from "@/components/admin/import-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { CSV_COLUMNS } from "@/lib/validation/devices";

export const metadata: Metadata = { title: "Import devices" };

export default async function ImportPage() {
  await requirePageUser("ADMIN", "page:/admin/import");
  return (
    <>
      <PageHeader title="Import devices" description="Devices and owners of record from a CSV file: all rows or none. Try a dry run first." />
      <Card>
        <ImportForm columns={CSV_COLUMNS.join(",")} />
      </Card>
    </>
  );
}
