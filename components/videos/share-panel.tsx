"use client";
import { useState, useTransition } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, cx, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { createShareLinkAction, revokeShareLinkAction } from "@/app/(app)/videos/actions";
import { formatInTimeZone } from "@/lib/format";
import type { ShareLinkRow } from "./types";

const EXPIRY = [
  { value: "24", label: "24 hours" },
  { value: "168", label: "7 days" },
  { value: "720", label: "30 days" },
  { value: "never", label: "Never" },
];

function linkState(l: ShareLinkRow): { label: string; active: boolean } {
  if (l.revokedAt) return { label: "Revoked", active: false };
  if (!l.expiresAt) return { label: "Never expires", active: true };
  const ms = new Date(l.expiresAt).getTime() - Date.now();
  if (ms <= 0) return { label: "Expired", active: false };
  const h = Math.round(ms / 3600_000);
  return { label: h < 48 ? `Expires in ${Math.max(1, h)} h` : `Expires in ${Math.round(h / 24)} days`, active: true };
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Share links: make one (and copy it), see the ones that exist, revoke them. */
export function SharePanel({ videoId, initialLinks, timeZone = "UTC" }: { videoId: string; initialLinks: ShareLinkRow[]; timeZone?: string }) {
  const formatDate = (iso: string) => formatInTimeZone(iso, timeZone, { weekday: false });
  const qc = useQueryClient();
  const toast = useToast();
  const [expiry, setExpiry] = useState("24");
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [revoking, setRevoking] = useState<string | null>(null);
  const links = useQuery({
    queryKey: ["share-links", videoId],
    initialData: initialLinks,
    staleTime: 30_000,
    queryFn: async (): Promise<ShareLinkRow[]> => {
      const res = await fetch(`/api/v1/videos/${videoId}/share`);
      if (!res.ok) throw new Error("Could not load share links.");
      return (await res.json()).links;
    },
  });

  const create = () =>
    start(async () => {
      setError(null);
      const r = await createShareLinkAction(videoId, expiry === "never" ? null : Number(expiry)).catch(() => null);
      if (!r) {
        setError("Could not reach the server, so no link was made. Check your connection and try again.");
        return;
      }
      if (!r.ok) {
        setError(r.error.message);
        return;
      }
      // The new link is in the list at once (the action returned it); the re-read below then
      // replaces it with the server's row.
      const made: ShareLinkRow = { id: r.data.id, path: r.data.path, expiresAt: r.data.expiresAt, revokedAt: null, createdAt: new Date().toISOString() };
      qc.setQueryData<ShareLinkRow[]>(["share-links", videoId], (old) => [made, ...(old ?? []).filter((x) => x.id !== made.id)]);
      setUrl(r.data.url);
      const copied = await copy(r.data.url);
      toast(copied ? "Share link copied to the clipboard." : "Share link created — copy it from the field.", "success");
      void qc.invalidateQueries({ queryKey: ["share-links", videoId], refetchType: "all" });
    });

  const revoke = async (l: ShareLinkRow) => {
    setRevoking(l.id);
    const r = await revokeShareLinkAction(l.id).catch(() => null);
    setRevoking(null);
    if (!r || !r.ok) {
      toast(r ? r.error.message : "Could not reach the server; the link still works. Try again.", "error");
      return;
    }
    qc.setQueryData<ShareLinkRow[]>(["share-links", videoId], (old) => old?.map((x) => (x.id === l.id ? { ...x, revokedAt: new Date().toISOString() } : x)));
    if (url?.endsWith(l.path)) setUrl(null);
    toast("Link revoked — it now answers “revoked” to anyone who opens it.", "info");
  };

  return (
    <Card className="p-4 sm:p-6">
      <h2 className="text-base font-semibold">Share</h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Anyone with the link can watch and download — no account needed.</p>
      <div className="mt-4 flex items-end gap-2">
        <div className="min-w-0 flex-1 space-y-1.5">
          <label htmlFor="share-expiry" className="block text-xs font-medium text-slate-600 dark:text-slate-400">
            Link expires after
          </label>
          <select id="share-expiry" className={inputClass} value={expiry} onChange={(e) => setExpiry(e.target.value)}>
            {EXPIRY.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <Button type="button" onClick={create} disabled={pending} className="shrink-0">
          {pending ? "Creating…" : "Copy share link"}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {url ? (
        <div className="mt-3 flex gap-2">
          <input
            readOnly
            value={url}
            aria-label="Share link"
            data-testid="share-url"
            onFocus={(e) => e.currentTarget.select()}
            className={cx(inputClass, "font-mono text-xs")}
          />
          <Button type="button" variant="secondary" onClick={async () => toast((await copy(url)) ? "Copied." : "Select the link and copy it.", "info")} aria-label="Copy again">
            Copy
          </Button>
        </div>
      ) : null}

      <h3 className="mt-6 text-sm font-semibold" id="share-links-heading">Links</h3>
      {links.data.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">No links yet.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800" aria-label="Share links">
          {links.data.map((l) => {
            const s = linkState(l);
            return (
              <li key={l.id} className="flex items-center justify-between gap-3 py-2.5">
                <div className="min-w-0">
                  <p className="truncate font-mono text-xs text-slate-600 dark:text-slate-300">{l.path}</p>
                  <p className={cx("text-xs", s.active ? "text-slate-600 dark:text-slate-400" : "text-red-600 dark:text-red-400")}>
                    {s.label} · made {formatDate(l.createdAt)}
                  </p>
                </div>
                {s.active ? (
                  <Button type="button" variant="ghost" size="sm" onClick={() => revoke(l)} disabled={revoking === l.id} aria-label={`Revoke link made ${formatDate(l.createdAt)}`}>
                    {revoking === l.id ? "Revoking…" : "Revoke"}
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
