/**
 * AI B-roll for composed shorts (issue 14). Each `broll` scene without a `key` gets its clip as
 * a CHILD CLIP GENERATION: an ordinary video_generations row made through createVideo (budget
 * estimate and atomic reservation, idempotency key) and processed by the same job as every
 * video (clip-provider failover Kling → Pika → Runway, attempt rows, resume by external id,
 * charge on provider success with the billed amount, release on failure). No second money path.
 *
 * The parent video waits for its children without holding a worker: `prepareBroll` answers
 * "pending" and the parent's job is deferred (re-enqueued with a delay). State lives in
 * PostgreSQL (broll_clips rows, the children's own rows), so a worker killed on any line finds
 * the scene again: a child is created under the idempotency key broll:<video>:<scene> (the same
 * key → the same child, never a second reservation), and a finished child is read back.
 *
 * A clip that cannot be made (AI B-roll off, no clip provider, over budget, every provider
 * failed) never fails the video: the scene keeps no key and renders as a presenter scene, and
 * the reason is stored on its broll_clips row (listed by brollNotes()).
 */
import { eq, and } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import {
  brollClipsOf,
  claimBrollClip,
  findCachedClip,
  findComposeSettings,
  putCachedClip,
  updateBrollClip,
  type BrollClipRow,
} from "@/db/queries/brand";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getProvider } from "@/lib/providers/registry";
import { loadProviderSettings } from "@/lib/providers/workspace";
import type { ResolvedProviderSettings } from "@/lib/providers/registry";
import { storage } from "@/lib/storage";
import type { Storyboard } from "../types";
import { brollCacheKey, clipAspectOf, type ClipAspect } from "./cache";

/** What a B-roll child row carries in original_content (process.ts reads it to pick role "clip"). */
export interface BrollChildMarker {
  brollFor: { videoId: string; sceneId: string };
}

/** The prompt of a B-roll child generation, or null for an ordinary video. */
export function brollChildOf(row: { originalContent: Record<string, unknown> | null }): BrollChildMarker["brollFor"] | null {
  const m = (row.originalContent as Partial<BrollChildMarker> | null)?.brollFor;
  return m && typeof m.videoId === "string" && typeof m.sceneId === "string" ? m : null;
}

export const brollIdempotencyKey = (videoId: string, sceneId: string) => `broll:${videoId}:${sceneId}`;

const FINAL_FAILED = new Set(["failed", "timeout", "cancelled"]);

/** The workspace's enabled clip providers for this aspect, in its priority order. */
export async function clipProviders(workspaceId: string, aspect: ClipAspect): Promise<ResolvedProviderSettings[]> {
  const all = await loadProviderSettings(workspaceId);
  return all.filter((s) => {
    if (!s.enabled) return false;
    const caps = getProvider(s.providerId).capabilities;
    return caps.roles.includes("clip") && caps.aspectRatios.includes(aspect);
  });
}

const modelOf = (s: Pick<ResolvedProviderSettings, "credentials">) => (typeof s.credentials.model === "string" && s.credentials.model) || "default";

/** Cache keys a prompt would hit with the workspace's current clip providers (in their order). */
export function cacheKeysFor(prompt: string, aspect: ClipAspect, providers: ResolvedProviderSettings[]): string[] {
  return providers.map((s) => brollCacheKey(prompt, aspect, s.providerId, modelOf(s)));
}

/** A cached clip whose file still exists (retention may have deleted it since). */
export async function usableCachedClip(workspaceId: string, keys: string[]) {
  const hit = await findCachedClip(getDb(), workspaceId, keys);
  if (!hit) return null;
  return (await storage().stat(hit.key).catch(() => null)) ? hit : null;
}

export interface ParentVideo {
  id: string;
  workspaceId: string;
  avatarProfileId: string;
  storyboard: Storyboard | null;
}

export interface BrollDeps {
  /**
   * Creates the child clip generation (lib/videos/create.ts createVideo with role "clip"),
   * injected so this module does not import the videos domain that imports it back.
   */
  createChild: (input: { workspaceId: string; title: string; prompt: string; aspect: ClipAspect; avatarProfileId: string; idempotencyKey: string; marker: BrollChildMarker }) => Promise<{ id: string }>;
}

export type BrollState =
  | { status: "none"; board: Storyboard | null }
  | { status: "pending"; waiting: number; total: number }
  | { status: "ready"; board: Storyboard; made: number; fallbacks: { sceneId: string; reason: string }[] };

const ASPECT_NAME: Record<ClipAspect, "portrait" | "landscape" | "square"> = { "9:16": "portrait", "16:9": "landscape", "1:1": "square" };
export const clipAspectName = (a: ClipAspect) => ASPECT_NAME[a];

/**
 * Brings every B-roll scene of the video one step further and says whether the video can be
 * composed now. Idempotent; safe to call on every run of the parent's job.
 */
export async function prepareBroll(v: ParentVideo, deps: BrollDeps): Promise<BrollState> {
  const board = v.storyboard;
  const wanted = board?.scenes.filter((s) => s.visual.type === "broll" && !s.visual.key) ?? [];
  if (!board || !wanted.length) return { status: "none", board };
  const db = getDb();
  const ws = v.workspaceId;
  const aspect = clipAspectOf(board.aspects[0]);
  const { aiBroll } = await findComposeSettings(db, ws);
  const providers = aiBroll ? await clipProviders(ws, aspect) : [];
  let waiting = 0;
  const rows: BrollClipRow[] = [];
  for (const scene of wanted) {
    if (scene.visual.type !== "broll") continue;
    const prompt = scene.visual.prompt;
    let row = await claimBrollClip(db, ws, { videoId: v.id, sceneId: scene.id, prompt, aspect });
    if (row.status === "pending") row = await step(v, row, { aiBroll, providers, aspect, deps });
    if (row.status === "pending") waiting++;
    rows.push(row);
  }
  if (waiting) return { status: "pending", waiting, total: wanted.length };

  const byScene = new Map(rows.map((r) => [r.sceneId, r]));
  const next: Storyboard = {
    ...board,
    scenes: board.scenes.map((s) => {
      const r = byScene.get(s.id);
      return s.visual.type === "broll" && r?.status === "ready" && r.key ? { ...s, visual: { ...s.visual, key: r.key } } : s;
    }),
  };
  // The keys go into the stored storyboard before compose runs (a resumed compose reads them).
  await db.update(videoGenerations).set({ storyboard: next, updatedAt: new Date() }).where(and(eq(videoGenerations.workspaceId, ws), eq(videoGenerations.id, v.id)));
  const fallbacks = rows.filter((r) => r.status === "fallback").map((r) => ({ sceneId: r.sceneId, reason: r.reason ?? "" }));
  return { status: "ready", board: next, made: rows.length - fallbacks.length, fallbacks };
}

async function fallback(ws: string, row: BrollClipRow, reason: string): Promise<BrollClipRow> {
  await updateBrollClip(getDb(), ws, row.id, { status: "fallback", reason });
  logger.info({ videoId: row.videoId, sceneId: row.sceneId, reason }, "b-roll scene falls back");
  return { ...row, status: "fallback", reason };
}

async function ready(ws: string, row: BrollClipRow, key: string, cached: boolean): Promise<BrollClipRow> {
  await updateBrollClip(getDb(), ws, row.id, { status: "ready", key, cached });
  return { ...row, status: "ready", key, cached };
}

async function step(
  v: ParentVideo,
  row: BrollClipRow,
  o: { aiBroll: boolean; providers: ResolvedProviderSettings[]; aspect: ClipAspect; deps: BrollDeps },
): Promise<BrollClipRow> {
  const ws = v.workspaceId;
  const db = getDb();
  if (row.childVideoId) {
    const [child] = await db.select().from(videoGenerations).where(and(eq(videoGenerations.workspaceId, ws), eq(videoGenerations.id, row.childVideoId)));
    if (!child) return fallback(ws, row, "The B-roll clip's generation was deleted; the scene shows the presenter.");
    if (child.status === "completed" && child.videoKey) {
      // Remember it by prompt for the next video (the provider and model that really made it).
      const s = o.providers.find((p) => p.providerId === child.provider);
      if (child.provider) {
        await putCachedClip(db, ws, {
          cacheKey: brollCacheKey(row.prompt, o.aspect, child.provider, s ? modelOf(s) : "default"),
          key: child.videoKey,
          provider: child.provider,
          model: s ? modelOf(s) : "default",
          costCents: child.costCents ?? 0,
        });
      }
      return ready(ws, row, child.videoKey, false);
    }
    if (FINAL_FAILED.has(child.status)) return fallback(ws, row, `No clip provider could make this B-roll clip: ${child.error ?? child.status}. The scene shows the presenter.`);
    return row;
  }
  if (!o.aiBroll) return fallback(ws, row, "AI B-roll is off for this workspace (Settings → Brand → AI B-roll); the scene shows the presenter.");
  if (!o.providers.length) return fallback(ws, row, `No clip provider (Kling, Pika, Runway) is enabled for ${o.aspect} clips; add a key in Settings → Providers. The scene shows the presenter.`);
  const hit = await usableCachedClip(ws, cacheKeysFor(row.prompt, o.aspect, o.providers));
  if (hit) return ready(ws, row, hit.key, true);
  try {
    const child = await o.deps.createChild({
      workspaceId: ws,
      title: `B-roll: ${row.prompt}`.slice(0, 100),
      prompt: row.prompt,
      aspect: o.aspect,
      avatarProfileId: v.avatarProfileId,
      idempotencyKey: brollIdempotencyKey(v.id, row.sceneId),
      marker: { brollFor: { videoId: v.id, sceneId: row.sceneId } },
    });
    await updateBrollClip(db, ws, row.id, { childVideoId: child.id });
    return { ...row, childVideoId: child.id };
  } catch (err) {
    // Over budget, no capable provider, no owner to act as: the video goes on without this clip.
    if (err instanceof AppError) return fallback(ws, row, `${err.message} The scene shows the presenter.`);
    throw err;
  }
}

/** Why scenes of a video fell back, and which clips came from the cache (for the video page). */
export async function brollNotes(workspaceId: string, videoId: string) {
  const rows = await brollClipsOf(getDb(), workspaceId, videoId);
  return rows.map((r) => ({ sceneId: r.sceneId, status: r.status, cached: r.cached, reason: r.reason, childVideoId: r.childVideoId }));
}
