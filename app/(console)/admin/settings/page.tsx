import type { Metadata } from "next";
import { SettingsForm } from "@/components/admin/settings-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { getSettings } from "@/lib/settings/get-settings";
import { keyVersions } from "@/lib/settings/key-versions";
import { ZeroTouchCard } from "@/components/admin/zero-touch-card";
import { zeroTouchState } from "@/lib/inbound/zero-touch";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requirePageUser("ADMIN", "page:/admin/settings");
  const settings = await getSettings({ db: getDb() });
  const zeroTouch = await zeroTouchState(getDb());
  const keys = keyVersions();
  return (
    <>
      <PageHeader
        title="Settings"
        description="Limits, lifetimes, email branding and single sign-on domains. Every change is audited with its old and new value."
      />
      <Card title="Reset key versions" className="mb-6">
        {"error" in keys ? (
          <p className="text-sm text-red-700">{keys.error}</p>
        ) : (
          <p className="text-sm" data-testid="key-versions">
            Configured versions: {keys.versions.join(", ")} · current (new devices): {keys.current}. Keys are set in the server environment and never shown.
          </p>
        )}
      </Card>
      <Card title="Zero-touch (email requests)" className="mb-6">
        <ZeroTouchCard
          enabled={zeroTouch.enabled}
          pendingByMe={zeroTouch.request?.requestedById === user.id}
          pendingByOther={zeroTouch.request !== null && zeroTouch.request.requestedById !== user.id}
        />
      </Card>
      <Card>
        <SettingsForm settings={settings} />
      </Card>
    </>
  );
}
