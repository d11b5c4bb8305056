import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, videoGenerations } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { planOverview } from "./plan";

async function video(workspaceId: string) {
  const [a] = await getDb().select().from(avatarProfiles).where(eq(avatarProfiles.slug, "sarah"));
  await getDb().insert(videoGenerations).values({ workspaceId, scriptTitle: "t", scriptContent: "s", avatarProfileId: a.id, background: { type: "color", value: "#000000" } });
}

describe("plan overview", () => {
  it("names the current tier, the presenters each tier unlocks, and counts only this workspace's videos", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    const other = await newWorkspace();
    await video(ctx.workspace.id);
    await video(other.workspace.id);
    await video(other.workspace.id);
    const o = await planOverview(ctx);
    expect(o.tiers.map((t) => [t.id, t.current, t.included])).toEqual([["free", false, true], ["pro", true, true], ["enterprise", false, false]]);
    expect(o.tiers.find((t) => t.id === "pro")!.presenters).toEqual(expect.arrayContaining(["David", "Lisa", "James"]));
    expect(o.tiers.find((t) => t.id === "enterprise")!.presenters).toEqual(expect.arrayContaining(["Sophia", "Alexander"]));
    // Mutation tried: dropping `eq(videoGenerations.workspaceId, ws.id)` → 3 videos counted, test fails.
    expect(o.usage.videosThisMonth).toBe(1);
    expect(o.changeCommand).toContain(ctx.workspace.id);
  });
});
