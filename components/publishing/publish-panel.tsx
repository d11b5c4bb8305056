"use client";
/**
 * Publish panel on a completed video: pick an account; for TikTok, the privacy options TikTok
 * returns for that creator right now, with no default (the user must choose); caption editable;
 * now or at a local time in the workspace's zone; and the status of each post.
 */
import { useCallback, useEffect, useState } from "react";
import { Badge, Card } from "@/components/ui/primitives";

type Platform = "tiktok" | "instagram" | "youtube";
interface Account { id: string; platform: Platform; displayName: string; status: string; unaudited: boolean; unauditedNote: string | null }
interface Post { id: string; platform: Platform; accountName: string; status: string; privacy: string; scheduledAt: string | null; platformUrl: string | null; lastError: string | null; attempts: number }
interface CreatorInfo { nickname: string; privacyLevelOptions: string[]; maxDurationSec: number; unaudited: boolean }

const LABEL: Record<Platform, string> = { tiktok: "TikTok", instagram: "Instagram", youtube: "YouTube" };
const PRIVACY_LABEL: Record<string, string> = {
  PUBLIC_TO_EVERYONE: "Everyone", MUTUAL_FOLLOW_FRIENDS: "Friends", FOLLOWER_OF_CREATOR: "Followers", SELF_ONLY: "Only me",
};
const STATUS_TONE: Record<string, "green" | "amber" | "red" | "blue" | "slate"> = {
  published: "green", published_private: "amber", failed: "red", scheduled: "blue", queued: "slate", uploading: "slate", processing: "slate",
};

async function json<T>(res: Response): Promise<T> {
  const b = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error((b as { error?: { message?: string } }).error?.message ?? `Request failed (${res.status})`);
  return b as T;
}

export function PublishPanel({ videoId, timeZone, suggestions }: { videoId: string; timeZone: string; suggestions: Record<Platform, string> }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [posts, setPosts] = useState<Post[]>([]);
  const [accountId, setAccountId] = useState("");
  const [creator, setCreator] = useState<CreatorInfo | null>(null);
  const [privacy, setPrivacy] = useState("");
  const [madeForKids, setMadeForKids] = useState(false);
  const [caption, setCaption] = useState("");
  const [when, setWhen] = useState("");
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [trackUrl, setTrackUrl] = useState("");
  const account = accounts.find((a) => a.id === accountId);

  const loadPosts = useCallback(async () => {
    setPosts((await json<{ posts: Post[] }>(await fetch(`/api/v1/publishing/posts?videoId=${videoId}`))).posts);
  }, [videoId]);

  useEffect(() => {
    void (async () => {
      try {
        setAccounts((await json<{ accounts: Account[] }>(await fetch("/api/v1/publishing/accounts"))).accounts.filter((a) => a.status === "active"));
        await loadPosts();
      } catch (e) {
        setMsg({ ok: false, text: (e as Error).message });
      }
    })();
  }, [loadPosts]);

  useEffect(() => {
    if (!posts.some((p) => ["queued", "uploading", "processing"].includes(p.status))) return;
    const t = setInterval(() => void loadPosts().catch(() => undefined), 5000);
    return () => clearInterval(t);
  }, [posts, loadPosts]);

  async function pick(id: string) {
    setAccountId(id);
    setPrivacy("");
    setCreator(null);
    const a = accounts.find((x) => x.id === id);
    if (!a) return;
    setCaption(suggestions[a.platform]);
    if (a.platform === "tiktok") {
      try {
        setCreator(await json<CreatorInfo>(await fetch(`/api/v1/publishing/accounts/${id}/creator-info`)));
      } catch (e) {
        setMsg({ ok: false, text: (e as Error).message });
      }
    } else if (a.platform === "youtube") setPrivacy(a.unaudited ? "private" : "public");
  }

  async function publish() {
    if (!account) return;
    setBusy(true);
    setMsg(null);
    try {
      const r = await json<{ notice: string | null; created: boolean }>(await fetch("/api/v1/publishing/posts", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          videoId, accountId, caption, privacy: privacy || undefined, scheduledAt: when || undefined,
          ...(account.platform === "youtube" ? { madeForKids } : {}),
        }),
      }));
      setMsg({ ok: true, text: r.created ? (r.notice ?? (when ? "Scheduled." : "Publishing…")) : "This video is already posted (or queued) to that account." });
      await loadPosts();
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  // A post made by hand: its link makes it tracked like the others (where the platform allows).
  async function track() {
    setMsg(null);
    try {
      await json(await fetch("/api/v1/publishing/posts/track", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ videoId, url: trackUrl }) }));
      setTrackUrl("");
      setMsg({ ok: true, text: "Tracking that post: its views appear in Analytics after the next metrics pull." });
      await loadPosts();
    } catch (e) {
      setMsg({ ok: false, text: (e as Error).message });
    }
  }

  const needsPrivacy = account?.platform === "tiktok" && !privacy;
  return (
    <Card className="mt-6" aria-labelledby="publish-heading">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
        <h2 id="publish-heading" className="text-base font-semibold">Publish</h2>
        {/* The manual path: everything needed to post by hand, per platform. */}
        <a href={`/api/v1/publishing/post-kit?videoId=${videoId}`} download className="text-sm font-medium underline">Download post kit (ZIP)</a>
      </div>
      {accounts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No connected accounts. <a className="underline" href="/settings/accounts">Connect TikTok, Instagram or YouTube</a>.</p>
      ) : (
        <div className="space-y-4">
          <label className="block text-sm font-medium" htmlFor="pub-account">Account</label>
          <select id="pub-account" className="w-full rounded-lg border px-3 py-2 text-sm" value={accountId} onChange={(e) => void pick(e.target.value)}>
            <option value="">Choose an account…</option>
            {accounts.map((a) => <option key={a.id} value={a.id}>{LABEL[a.platform]} · {a.displayName}</option>)}
          </select>
          {account?.unauditedNote && <p className="text-sm text-amber-700 dark:text-amber-400">{account.unauditedNote}</p>}
          {account?.platform === "tiktok" && creator && (
            <fieldset>
              <legend className="text-sm font-medium">Who can see this on TikTok ({creator.nickname})?</legend>
              {creator.privacyLevelOptions.map((o) => (
                <label key={o} className="mr-4 text-sm">
                  <input type="radio" name="pub-privacy" value={o} checked={privacy === o} onChange={() => setPrivacy(o)} /> {PRIVACY_LABEL[o] ?? o}
                </label>
              ))}
            </fieldset>
          )}
          {account?.platform === "youtube" && (
            <div className="space-y-2 text-sm">
              <label className="mr-4"><input type="radio" name="yt-privacy" checked={privacy === "public"} onChange={() => setPrivacy("public")} /> Public</label>
              <label className="mr-4"><input type="radio" name="yt-privacy" checked={privacy === "unlisted"} onChange={() => setPrivacy("unlisted")} /> Unlisted</label>
              <label><input type="radio" name="yt-privacy" checked={privacy === "private"} onChange={() => setPrivacy("private")} /> Private</label>
              <label className="block"><input type="checkbox" checked={madeForKids} onChange={(e) => setMadeForKids(e.target.checked)} /> Made for kids</label>
              <p className="text-xs text-slate-600 dark:text-slate-400">The upload is marked as containing altered or synthetic content (an AI presenter).</p>
            </div>
          )}
          {account && (
            <>
              <label className="block text-sm font-medium" htmlFor="pub-caption">Caption</label>
              <textarea id="pub-caption" rows={5} className="w-full rounded-lg border px-3 py-2 text-sm" value={caption} onChange={(e) => setCaption(e.target.value)} />
              <p className="text-xs text-slate-600 dark:text-slate-400">{caption.length} / {account.platform === "youtube" ? 5000 : 2200} characters</p>
              <label className="block text-sm font-medium" htmlFor="pub-when">When (leave empty to post now) — {timeZone}</label>
              <input id="pub-when" type="datetime-local" className="rounded-lg border px-3 py-2 text-sm" value={when} onChange={(e) => setWhen(e.target.value)} />
              <div>
                <button type="button" disabled={busy || needsPrivacy} onClick={() => void publish()} className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white disabled:opacity-50 dark:bg-white dark:text-slate-900">
                  {when ? "Schedule" : "Publish now"}
                </button>
                {needsPrivacy && <span className="ml-3 text-sm text-slate-600 dark:text-slate-400">Choose who can see the post first.</span>}
              </div>
            </>
          )}
        </div>
      )}
      <form className="mt-6 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); void track(); }}>
        <label className="w-full text-sm font-medium" htmlFor="pub-track">Posted it by hand? Paste the post&apos;s link to count its views</label>
        <input id="pub-track" type="url" placeholder="https://youtube.com/shorts/…" className="min-w-0 flex-1 rounded-lg border px-3 py-2 text-sm" value={trackUrl} onChange={(e) => setTrackUrl(e.target.value)} />
        <button type="submit" disabled={!trackUrl.trim()} className="rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-slate-300 disabled:opacity-50">Track</button>
      </form>
      {msg && <p role={msg.ok ? "status" : "alert"} className={`mt-4 text-sm ${msg.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}`}>{msg.text}</p>}
      {posts.length > 0 && (
        <ul className="mt-6 divide-y divide-slate-200 dark:divide-slate-800" aria-label="Posts of this video">
          {posts.map((p) => (
            <li key={p.id} className="py-2 text-sm">
              <span className="font-medium">{LABEL[p.platform]} · {p.accountName}</span>{" "}
              <Badge tone={STATUS_TONE[p.status] ?? "slate"}>{p.status === "published_private" ? "published (private)" : p.status}</Badge>{" "}
              {p.scheduledAt && p.status === "scheduled" && <span className="text-slate-600 dark:text-slate-400">for {new Date(p.scheduledAt).toLocaleString(undefined, { timeZone })}</span>}
              {p.platformUrl && <a className="ml-2 underline" href={p.platformUrl} target="_blank" rel="noreferrer">open</a>}
              {p.lastError && <p className="text-xs text-slate-600 dark:text-slate-400">{p.lastError}</p>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
