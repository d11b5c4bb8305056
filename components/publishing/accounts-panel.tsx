"use client";
/** Settings → Connected accounts: connect (OAuth redirect), disconnect, and the unaudited warning. */
import { useState } from "react";
import { Badge, Card, EmptyState } from "@/components/ui/primitives";

export interface AccountView {
  id: string;
  platform: "tiktok" | "instagram" | "youtube";
  displayName: string;
  status: string;
  unaudited: boolean;
  unauditedNote: string | null;
  dailyCap: number;
  lastError: string | null;
}

const LABEL = { tiktok: "TikTok", instagram: "Instagram", youtube: "YouTube" } as const;

export function AccountsPanel(props: {
  initial: AccountView[];
  platforms: Array<{ platform: AccountView["platform"]; label: string; configured: boolean }>;
  canEdit: boolean;
  connected?: string;
  error?: string;
}) {
  const [accounts, setAccounts] = useState(props.initial);
  const [error, setError] = useState(props.error ?? "");
  async function remove(id: string) {
    setError("");
    const res = await fetch(`/api/v1/publishing/accounts/${id}`, { method: "DELETE" });
    if (!res.ok) {
      setError(((await res.json().catch(() => ({}))) as { error?: { message?: string } }).error?.message ?? "Could not disconnect.");
      return;
    }
    setAccounts((a) => a.filter((x) => x.id !== id));
  }
  return (
    <div className="space-y-6">
      {props.connected && <p role="status" className="rounded-lg bg-green-50 p-3 text-sm text-green-800">Connected {props.connected}.</p>}
      {error && <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      <Card>
        <h2 className="mb-4 text-base font-semibold">Connect an account</h2>
        <div className="flex flex-wrap gap-3">
          {props.platforms.map((p) =>
            p.configured && props.canEdit ? (
              <a key={p.platform} href={`/api/publishing/oauth/${p.platform}/start`} className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white dark:bg-white dark:text-slate-900">
                Connect {p.label}
              </a>
            ) : (
              <span key={p.platform} className="rounded-lg bg-slate-100 px-4 py-2 text-sm text-slate-600 dark:bg-slate-800 dark:text-slate-400" title={p.configured ? "Only owners and admins connect accounts." : "The operator has not set this platform's app credentials."}>
                {p.label} {p.configured ? "(admins only)" : "(not configured)"}
              </span>
            ),
          )}
        </div>
      </Card>
      {accounts.length === 0 ? (
        <EmptyState title="No connected accounts" body="Connect TikTok, Instagram or YouTube to publish finished videos and see their views here." />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label="Connected accounts">
            {accounts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
                <div>
                  <p className="font-medium">
                    {LABEL[a.platform]} · {a.displayName}{" "}
                    <Badge tone={a.status === "active" ? "green" : "red"}>{a.status === "active" ? "connected" : "reconnect needed"}</Badge>{" "}
                    {a.unaudited && <Badge tone="amber">posts are private</Badge>}
                  </p>
                  {a.unauditedNote && <p className="mt-1 text-sm text-amber-700 dark:text-amber-400">{a.unauditedNote}</p>}
                  {a.lastError && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{a.lastError}</p>}
                  <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Up to {a.dailyCap} posts a day from this app.</p>
                </div>
                {props.canEdit && (
                  <button type="button" onClick={() => remove(a.id)} className="rounded-lg px-3 py-1.5 text-sm text-red-700 ring-1 ring-red-200 hover:bg-red-50">
                    Disconnect
                  </button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
