/**
 * Issue 11: one run of a video at a time, also inside ONE process. The lease owner used to be
 * the process id, so a duplicate job delivered to the same worker "re-acquired" the lease the
 * first run held and both worked the video (the attempt guard then had to catch it).
 *
 * Mutations tried (each fails a case here):
 * - lease.ts acquireLease: add `eq(videoGenerations.leaseOwner, WORKER_ID)` back to the
 *   takeover condition (owner compared by process) → "two concurrent runs" sees 2 acquired.
 * - lease.ts releaseLease: drop `eq(videoGenerations.leaseOwner, token)` → "a stale run's
 *   release" frees the live run's lease and a third run acquires it.
 * - lease.ts renewLease: compare with `WORKER_ID` prefix instead of the token → the stale
 *   token's renew extends the lease ("renew only with the token").
 */
import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { acquireLease, releaseLease, renewLease, LEASE_SECONDS } from "./lease";

async function aVideo() {
  const ctx = await newWorkspace({ plan: "pro" });
  const { video } = await createVideo(ctx, { title: "Lease", script: "One run at a time.", avatarProfileId: "sarah" });
  return { id: video.id, workspaceId: ctx.workspace.id };
}
const leaseRow = async (id: string) => (await getDb().select({ owner: videoGenerations.leaseOwner, until: videoGenerations.leaseUntil }).from(videoGenerations).where(eq(videoGenerations.id, id)))[0]!;

describe("video lease", () => {
  it("two concurrent runs in one process: exactly one gets the lease", async () => {
    const v = await aVideo();
    const results = await Promise.all([acquireLease(v.id, v.workspaceId, 5), acquireLease(v.id, v.workspaceId, 5)]);
    expect(results.map((r) => r.status).sort()).toEqual(["acquired", "held_elsewhere"]);
    // …and a third, sequential run of the same process is refused too while the lease lives.
    expect((await acquireLease(v.id, v.workspaceId, 5)).status).toBe("held_elsewhere");
  });

  it("a stale run's release or renew does not touch the live run's lease", async () => {
    const v = await aVideo();
    const first = await acquireLease(v.id, v.workspaceId, 5);
    if (first.status !== "acquired") throw new Error(first.status);
    // The first run's lease runs out (a stalled worker); a second run takes over after it.
    const later = new Date(Date.now() + (LEASE_SECONDS + 1) * 1000);
    const second = await acquireLease(v.id, v.workspaceId, 5, later);
    if (second.status !== "acquired") throw new Error(second.status);
    expect(second.token).not.toBe(first.token);
    const held = await leaseRow(v.id);
    expect(held.owner).toBe(second.token);

    // The stalled first run wakes up: its renew and release are no-ops.
    await renewLease(v.id, first.token);
    expect((await leaseRow(v.id)).until?.getTime()).toBe(held.until?.getTime());
    await releaseLease(v.id, first.token);
    expect((await leaseRow(v.id)).owner).toBe(second.token);
    expect((await acquireLease(v.id, v.workspaceId, 5, later)).status).toBe("held_elsewhere");

    // The live run's release frees it.
    await releaseLease(v.id, second.token);
    expect(await leaseRow(v.id)).toEqual({ owner: null, until: null });
    expect((await acquireLease(v.id, v.workspaceId, 5)).status).toBe("acquired");
  });
});
