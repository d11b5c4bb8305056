/**
 * Issue 11, defect 6: writes by id must be scoped to the caller's workspace in the service
 * itself, not only in the route in front of it. Workspace B calls cancel and share-link revoke
 * with workspace A's ids: B is told "not found" and nothing of A's changes.
 *
 * Mutations tried (each fails a test here):
 * - cancel.ts requestCancel: `eq(videoGenerations.workspaceId, workspaceId)` removed from the
 *   update → A's video gets cancelRequestedAt / "Cancelling…" from B's call.
 * - share.ts revokeShareLink: `eq(shareLinks.workspaceId, ctx.workspace.id)` removed → A's link
 *   is revoked by B (and B is told it worked).
 */
import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { shareLinks, videoGenerations } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { requestCancel } from "./cancel";
import { createShareLink, revokeShareLink } from "./share";

describe("cross-workspace writes by id", () => {
  it("workspace B cannot cancel A's video: null (404 at the route), A's row unchanged", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const { video } = await createVideo(a, { title: "A's video", script: "Only workspace A may cancel this.", avatarProfileId: "sarah" });
    const [before] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id));
    expect(await requestCancel(b.workspace.id, video.id)).toBeNull();
    const [after] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id));
    expect(after).toEqual(before);
    expect(after.cancelRequestedAt).toBeNull();
  });

  it("workspace B cannot revoke A's share link: not_found, A's link still works", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const { video } = await createVideo(a, { title: "Shared", script: "A link only A may revoke.", avatarProfileId: "sarah" });
    // Sharing needs a finished video; rendering it is not what this test is about.
    await getDb().update(videoGenerations).set({ status: "completed", videoKey: `videos/${a.workspace.id}/${video.id}/video.mp4` }).where(eq(videoGenerations.id, video.id));
    const link = await createShareLink(a, video.id, { expiresInHours: 24 });
    await expect(revokeShareLink(b, link.id)).rejects.toMatchObject({ code: "not_found" });
    const [row] = await getDb().select().from(shareLinks).where(eq(shareLinks.id, link.id));
    expect(row.revokedAt).toBeNull();
  });
});
