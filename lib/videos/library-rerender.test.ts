import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations, workspaces } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { listWorkspaceVideos, rerenderVideos } from "./library";

describe("library platform filter", () => {
  // Mutation tried: dropping the arrayContains condition in listVideos → all three come back, this fails.
  it("lists only videos that target the platform, and refuses an unknown one with the choices", async () => {
    const ctx = await newWorkspace();
    await createVideo(ctx, { title: "Tok", script: "One.", avatarProfileId: "mike", targetPlatforms: ["tiktok"] });
    await createVideo(ctx, { title: "Both", script: "Two.", avatarProfileId: "mike", targetPlatforms: ["tiktok", "youtube_shorts"] });
    await createVideo(ctx, { title: "None", script: "Three.", avatarProfileId: "mike" });
    const titles = async (platform: string) => (await listWorkspaceVideos(ctx, { platform, sort: "title" })).videos.map((v) => v.title);
    expect(await titles("tiktok")).toEqual(["Both", "Tok"]);
    expect(await titles("youtube_shorts")).toEqual(["Both"]);
    await expect(listWorkspaceVideos(ctx, { platform: "myspace" })).rejects.toThrow(/platform must be one of .*tiktok/);
  });
});

describe("bulk re-render", () => {
  it("makes a new video from the same inputs through the create service, with a clear result per item", async () => {
    const ctx = await newWorkspace();
    const other = await newWorkspace();
    const { video: a } = await createVideo(ctx, { title: "Again", script: "Say it again.", avatarProfileId: "mike", aspectRatio: "square", targetPlatforms: ["tiktok"], voiceSpeed: 1.25, captions: false });
    const { video: foreign } = await createVideo(other, { title: "Not yours", script: "Private.", avatarProfileId: "mike" });

    const results = await rerenderVideos(ctx, { ids: [a.id, foreign.id] });
    expect(results[0]).toMatchObject({ id: a.id, ok: true });
    // Mutation tried: findVideosForWorkspace → a lookup by id alone: the other workspace's video is re-rendered here; this fails.
    expect(results[1]).toEqual({ id: foreign.id, ok: false, error: "Video not found (deleted, or not in this workspace)." });
    const newId = (results[0] as { newId: string }).newId;
    expect(newId).not.toBe(a.id);
    const [copy] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, newId));
    expect(copy).toMatchObject({ workspaceId: ctx.workspace.id, scriptTitle: "Again", scriptContent: "Say it again.", aspectRatio: "square", targetPlatforms: ["tiktok"], voiceSpeed: 1.25, captions: false, avatarProfileId: a.avatarProfileId });

    // Each item goes through the create service's checks (tier here; budget reservation the same
    // way, but the local studio costs 0 cents so no cap can refuse it): a Pro presenter made while
    // on Pro is refused after a downgrade, with the create service's own words.
    await getDb().update(workspaces).set({ plan: "pro" }).where(eq(workspaces.id, ctx.workspace.id));
    const { video: pro } = await createVideo({ ...ctx, workspace: { ...ctx.workspace, plan: "pro" } }, { title: "Pro", script: "Premium.", avatarProfileId: "david" });
    await getDb().update(workspaces).set({ plan: "free" }).where(eq(workspaces.id, ctx.workspace.id));
    const mixed = await rerenderVideos(ctx, { ids: [pro.id, a.id] });
    expect(mixed[0]).toMatchObject({ id: pro.id, ok: false });
    expect((mixed[0] as { error: string }).error).toMatch(/Upgrade to Pro/);
    expect(mixed[1]).toMatchObject({ id: a.id, ok: true });
    await expect(rerenderVideos(ctx, { ids: [] })).rejects.toThrow(/Select at least one video/);
  });
});
