import { describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, shareLinks, videoGenerations, workspaces } from "@/db/schema";
import { signUp } from "@/lib/auth/signup";
import { storage } from "@/lib/storage";
import { runHousekeeping } from "./housekeeping";

const DAY = 24 * 3600_000;

async function workspace(retentionDays: number) {
  const r = await signUp({ name: "House Keeper", email: `hk-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`, password: "correct-horse-battery" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await getDb().update(workspaces).set({ retentionDays }).where(eq(workspaces.id, r.workspaceId));
  return r.workspaceId;
}

async function videoWithMedia(workspaceId: string, ageDays: number, now: Date, opts: { deleted?: boolean } = {}) {
  const [avatar] = await getDb().select().from(avatarProfiles).where(eq(avatarProfiles.slug, "sarah"));
  const [v] = await getDb()
    .insert(videoGenerations)
    .values({
      workspaceId,
      scriptTitle: "Old video",
      scriptContent: "Hello",
      avatarProfileId: avatar.id,
      background: { type: "color", value: "#ffffff" },
      status: "completed",
      createdAt: new Date(now.getTime() - ageDays * DAY),
      deletedAt: opts.deleted ? new Date(now.getTime() - DAY) : null,
    })
    .returning();
  const base = `test-hk/${v.id}`;
  const keys = { videoKey: `${base}/video.mp4`, thumbnailKey: `${base}/thumb.jpg`, renditions: { youtube_shorts: `${base}/yt.mp4` } };
  await storage().putBuffer(keys.videoKey, Buffer.alloc(1000, 1), "video/mp4");
  await storage().putBuffer(keys.thumbnailKey, Buffer.alloc(200, 2), "image/jpeg");
  await storage().putBuffer(keys.renditions.youtube_shorts, Buffer.alloc(300, 3), "video/mp4");
  await getDb().update(videoGenerations).set(keys).where(eq(videoGenerations.id, v.id));
  return { id: v.id, keys: [keys.videoKey, keys.thumbnailKey, keys.renditions.youtube_shorts] };
}

describe("housekeeping", () => {
  it("deletes the media of videos past retention (and of deleted videos), marks them deleted, and removes expired share links", async () => {
    const now = new Date();
    const ws = await workspace(30);
    const old = await videoWithMedia(ws, 45, now);
    const fresh = await videoWithMedia(ws, 5, now);
    const userDeleted = await videoWithMedia(ws, 2, now, { deleted: true });
    const links = await getDb()
      .insert(shareLinks)
      .values([
        { workspaceId: ws, videoId: fresh.id, expiresAt: new Date(now.getTime() - 3600_000) },
        { workspaceId: ws, videoId: fresh.id, expiresAt: new Date(now.getTime() + DAY) },
        { workspaceId: ws, videoId: fresh.id, expiresAt: null },
      ])
      .returning();

    const report = await runHousekeeping(now);
    expect(report.errors).toEqual([]);
    expect(report.videosPurged).toBeGreaterThanOrEqual(2);
    expect(report.bytesFreed).toBeGreaterThanOrEqual(2 * 1500);
    expect(report.shareLinksDeleted).toBeGreaterThanOrEqual(1);

    for (const k of [...old.keys, ...userDeleted.keys]) expect(await storage().stat(k), k).toBeNull();
    for (const k of fresh.keys) expect(await storage().stat(k), k).not.toBeNull();

    const rows = await getDb().select().from(videoGenerations).where(inArray(videoGenerations.id, [old.id, fresh.id, userDeleted.id]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(old.id)).toMatchObject({ videoKey: null, thumbnailKey: null, renditions: {} });
    expect(byId.get(old.id)!.deletedAt?.getTime()).toBe(now.getTime());
    expect(byId.get(userDeleted.id)).toMatchObject({ videoKey: null });
    expect(byId.get(fresh.id)).toMatchObject({ deletedAt: null, videoKey: fresh.keys[0] });

    const remaining = await getDb().select({ id: shareLinks.id }).from(shareLinks).where(eq(shareLinks.workspaceId, ws));
    expect(remaining.map((r) => r.id).sort()).toEqual([links[1].id, links[2].id].sort());

    // Idempotent: nothing left to do for this workspace.
    const again = await runHousekeeping(now);
    const after = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, fresh.id));
    expect(after[0].videoKey).toBe(fresh.keys[0]);
    expect(again.errors).toEqual([]);
  });
});
