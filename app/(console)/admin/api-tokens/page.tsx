import type { Metadata } from "next";
import { CreateApiTokenDialog, RevokeApiTokenButton } from "@/components/admin/api-tokens";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { requirePageUser } from "@/lib/auth/guard";
import { getDb } from "@/lib/db/client";
import { formatUtc } from "@/lib/time";

export const metadata: Metadata = { title: "API tokens" };

function stateOf(token: { expiresAt: Date; revokedAt: Date | null }, now: Date): string {
  if (token.revokedAt) return `revoked ${formatUtc(token.revokedAt)}`;
  if (token.expiresAt <= now) return "expired";
  return "active";
}

export default async function ApiTokensPage() {
  await requirePageUser("ADMIN", "page:/admin/api-tokens");
  const tokens = await listApiTokens({ db: getDb() });
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens for helpdesk integrations (docs/api.md, /api/v1/openapi.json). Each call is audited under its token."
        actions={<CreateApiTokenDialog />}
      />
      <Card>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-700">No API tokens yet.</p>
        ) : (
          <DataTable
            caption="API tokens"
            columns={["Name", "Token", "Scopes", "Created", "Expires (UTC)", "Last used (UTC)", "State", { label: "Actions", align: "right" }]}
          >
            <tbody className="divide-y divide-slate-100">
              {tokens.map((t) => (
                <tr key={t.id} className="align-top">
                  <td className="py-2 font-medium">{t.name}</td>
                  <td className="py-2 font-mono text-xs">{t.prefix}…</td>
                  <td className="py-2 text-xs">{t.scopes.join(", ")}</td>
                  <td className="py-2 whitespace-nowrap">
                    {formatUtc(t.createdAt)} by {t.createdBy}
                  </td>
                  <td className="py-2 whitespace-nowrap">{formatUtc(t.expiresAt)}</td>
                  <td className="py-2 whitespace-nowrap">{t.lastUsedAt ? formatUtc(t.lastUsedAt) : "never"}</td>
                  <td className="py-2">{stateOf(t, now)}</td>
                  <td className="py-2 text-right">{!t.revokedAt && t.expiresAt > now ? <RevokeApiTokenButton tokenId={t.id} name={t.name} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </Card>
    </>
  );
}
