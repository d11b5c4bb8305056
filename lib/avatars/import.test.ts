import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { newWorkspace } from "@/lib/testing/fixtures";
import { listAvatars, resolveAvatar } from "@/lib/videos/catalog";
import { importHeygenCatalog, importedSlug } from "./import";

describe("live HeyGen catalog import", () => {
  let fake: HeygenFake;
  beforeAll(async () => {
    fake = await startHeygenFake();
  });
  afterAll(() => fake.close());

  // Mutation tried: listAvatars ignoring workspaceId (built-ins only) → the imported looks are missing;
  // and visibleTo() without the workspace filter → the other workspace sees them.
  it("shows presenters imported from a connected HeyGen account next to the built-ins, only in that workspace, tier-gated", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await expect(importHeygenCatalog(ctx)).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/Connect HeyGen first/) });
    await saveProviderSettings(ctx, "heygen", { enabled: true, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    expect(await importHeygenCatalog(ctx)).toEqual({ imported: 3, hidden: 0 });
    expect(fake.requests.filter((r) => /^\/v[12]\//.test(r.path))).toEqual([]);

    const carousel = await listAvatars("pro", ctx.workspace.id);
    const builtIns = carousel.filter((a) => a.source === "builtin");
    const imported = carousel.filter((a) => a.source === "heygen");
    expect(builtIns.length).toBeGreaterThan(0);
    expect(imported.map((a) => [a.name, a.avatarType, a.providerAvatarIds.heygen, a.providerVoiceIds.heygen])).toEqual([
      ["Angela in T-shirt", "avatar", "Angela-inTshirt-20220820", "1bd001e7e50f421d891986aad5158bc8"],
      ["Tyler in Casual Suit", "avatar", "Tyler-incasualsuit-20220721", "2d5b0e6cf36f460aa7fc47e3eee4ba54"],
      ["Lisa (photo)", "talking_photo", "look_photo_lisa_01", "1bd001e7e50f421d891986aad5158bc8"],
    ]);
    expect(imported[0].previewImageUrl).toMatch(/\/p\/Angela-inTshirt-20220820\.jpg$/);
    expect(imported[1].language).toBe("es-ES"); // Tyler's default voice is Diego (Spanish)
    // Tier-gated as before.
    expect((await listAvatars("free", ctx.workspace.id)).filter((a) => a.source === "heygen").every((a) => a.locked)).toBe(true);
    // Another workspace sees the built-ins only and cannot resolve these.
    const other = await newWorkspace({ plan: "pro" });
    expect((await listAvatars("pro", other.workspace.id)).some((a) => a.source === "heygen")).toBe(false);
    await expect(resolveAvatar(imported[0].id, "pro", other.workspace.id)).rejects.toMatchObject({ code: "bad_request" });
    expect((await resolveAvatar(imported[0].slug, "pro", ctx.workspace.id)).id).toBe(imported[0].id);
  });

  it("refreshing hides looks gone from the account and keeps the rest", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "heygen", { enabled: true, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    await importHeygenCatalog(ctx);
    const removed = fake.looks.splice(1, 1);
    try {
      expect(await importHeygenCatalog(ctx)).toEqual({ imported: 2, hidden: 1 });
    } finally {
      fake.looks.splice(1, 0, ...removed);
    }
    const names = (await listAvatars("pro", ctx.workspace.id)).filter((a) => a.source === "heygen").map((a) => a.name);
    expect(names).toEqual(["Angela in T-shirt", "Lisa (photo)"]);
    expect(importedSlug(ctx.workspace.id, "x")).toMatch(/^hg-[0-9a-f]{16}$/);
  });
});
