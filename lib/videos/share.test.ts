import { describe, it, expect } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { shareLinks, videoAnalyticsEvents } from "@/db/schema";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { createShareLink, recordShareView, resolveShareToken, revokeShareLink, shareViewerKey, SHARE_VIEW_WINDOW_MS } from "./share";
import { getVideo } from "./library";

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toMatchObject({ code });
}

describe("share links and tenancy", () => {
  it("signed links resolve, and answer gone (410) once revoked or expired; forged tokens are not found", async () => {
    const ctx = await newWorkspace();
    const { video } = await createVideo(ctx, { title: "Share me", script: "Short and sweet.", avatarProfileId: "mike" });
    await expectCode(createShareLink(ctx, video.id, {}), "conflict"); // not finished yet
    await processVideo(video.id);

    const link = await createShareLink(ctx, video.id, { expiresInHours: 24 });
    const token = link.path.split("/s/")[1];
    expect((await resolveShareToken(token)).video.id).toBe(video.id);

    const [raw, sig] = token.split(".");
    await expectCode(resolveShareToken(`${raw}.${sig.slice(0, -2)}xx`), "not_found");

    await revokeShareLink(ctx, link.id);
    await expectCode(resolveShareToken(token), "gone");

    const old = await createShareLink(ctx, video.id, { expiresInHours: 1 });
    await getDb().update(shareLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(shareLinks.id, old.id));
    await expectCode(resolveShareToken(old.path.split("/s/")[1]), "gone");
  });

  it("another workspace's video is not found, never returned", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const { video } = await createVideo(a, { title: "Private", script: "Only for workspace A.", avatarProfileId: "sarah" });
    expect(await findVideoForWorkspace(getDb(), b.workspace.id, video.id)).toBeNull();
    await expectCode(getVideo(b, video.id), "not_found");
    await expectCode(createShareLink(b, video.id, {}), "not_found");
    await expectCode(revokeShareLink(b, "00000000-0000-0000-0000-000000000000"), "not_found");
  });

  /*
   * Anonymous Range requests must not inflate views (issue 10 #9). Mutation tried: inserting
   * the analytics event without the share_views `onConflictDoNothing` check → a series of
   * ten requests counts ten views and this test fails.
   */
  it("counts a viewer once per window however many requests they make; another viewer or a later window counts again", async () => {
    const ctx = await newWorkspace();
    const { video } = await createVideo(ctx, { title: "Count me", script: "One view each.", avatarProfileId: "mike" });
    await processVideo(video.id);
    const link = await createShareLink(ctx, video.id, {});
    const { link: row } = await resolveShareToken(link.path.split("/s/")[1]);
    const views = async () =>
      (await getDb().select().from(videoAnalyticsEvents).where(and(eq(videoAnalyticsEvents.videoId, video.id), eq(videoAnalyticsEvents.type, "share_view")))).length;

    const alice = shareViewerKey(new Headers({ "x-avs-client-ip": "203.0.113.7", "user-agent": "Firefox" }));
    const bob = shareViewerKey(new Headers({ "x-avs-client-ip": "203.0.113.8", "user-agent": "Firefox" }));
    expect(alice).not.toBe(bob);
    expect(alice).not.toContain("203.0.113.7");
    const t0 = new Date(Date.UTC(2026, 10, 30, 12, 0, 0));
    const counted = [];
    for (let i = 0; i < 10; i++) counted.push(await recordShareView(row, alice, null, new Date(t0.getTime() + i * 1000)));
    expect(counted.filter(Boolean)).toHaveLength(1);
    expect(await views()).toBe(1);
    expect(await recordShareView(row, bob, "tiktok", t0)).toBe(true);
    expect(await recordShareView(row, alice, null, new Date(t0.getTime() + SHARE_VIEW_WINDOW_MS))).toBe(true);
    expect(await views()).toBe(3);
  });
});
