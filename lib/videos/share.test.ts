import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { shareLinks } from "@/db/schema";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { createShareLink, resolveShareToken, revokeShareLink } from "./share";
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
});
