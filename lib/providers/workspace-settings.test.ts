import { describe, expect, it } from "vitest";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "@/lib/videos/create";
import { DEFAULT_PRIORITY } from "./registry";
import { loadProviderSettings, saveProviderSettings } from "./workspace";

describe("provider settings: saving never reorders or poisons the workspace (issue 10, item 9)", () => {
  // Mutation tried: `?? 100` instead of `?? DEFAULT_PRIORITY[id]` → HeyGen lands at 100.
  it("saving a key keeps the provider's place in the failover order", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "heygen", { apiKey: "hg-key-12345678" });
    const heygen = (await loadProviderSettings(ctx.workspace.id)).find((p) => p.providerId === "heygen")!;
    expect(heygen.priority).toBe(DEFAULT_PRIORITY.heygen);
  });

  // Mutation tried: removing `.max(100_000)` on centsPerUnit → the save succeeds, and every later
  // create in the workspace fails on an integer overflow.
  it("refuses a cost model that would overflow, and creates keep working", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await expect(saveProviderSettings(ctx, "heygen", { apiKey: "hg-key-12345678", costModel: { centsPerUnit: 2_000_000_000_000 } })).rejects.toMatchObject({
      name: "ZodError",
    });
    const { video } = await createVideo(ctx, { title: "Still fine", script: "Creates keep working.", avatarProfileId: "sarah", providerPreference: "local" });
    expect(video.status).toBe("queued");
  });
});
