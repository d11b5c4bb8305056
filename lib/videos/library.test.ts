import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { listWorkspaceVideos, videosZip } from "./library";

const NOW = new Date("2026-11-30T12:00:00Z");

describe("library sort and date filter", () => {
  // Mutation tried: ignoring `sort` in db/queries/videos listVideos (always newest) → the title
  // and oldest orders fail. Mutation tried: dropping the createdAfter condition → the 7d count fails.
  it("orders by title, oldest, cost and filters by age", async () => {
    const ctx = await newWorkspace();
    const made = [];
    for (const t of ["Charlie", "alpha", "Bravo"]) made.push((await createVideo(ctx, { title: t, script: `Script for ${t}.`, avatarProfileId: "mike" })).video);
    // Ages: Charlie 40 days, alpha 3 days, Bravo 1 hour (test setup writes the timestamps).
    const ages = [40 * 86_400_000, 3 * 86_400_000, 3_600_000];
    for (const [i, v] of made.entries()) await getDb().update(videoGenerations).set({ createdAt: new Date(NOW.getTime() - ages[i]) }).where(eq(videoGenerations.id, v.id));

    const titles = async (q: Record<string, string>) => (await listWorkspaceVideos(ctx, q, NOW)).videos.map((v) => v.title);
    expect(await titles({})).toEqual(["Bravo", "alpha", "Charlie"]);
    expect(await titles({ sort: "oldest" })).toEqual(["Charlie", "alpha", "Bravo"]);
    expect(await titles({ sort: "title" })).toEqual(["alpha", "Bravo", "Charlie"]);
    expect(await titles({ since: "7d" })).toEqual(["Bravo", "alpha"]);
    expect(await titles({ since: "1d", sort: "oldest" })).toEqual(["Bravo"]);
    expect((await listWorkspaceVideos(ctx, { since: "90d" }, NOW)).total).toBe(3);
    await expect(listWorkspaceVideos(ctx, { sort: "sideways" }, NOW)).rejects.toThrow(/sort must be one of/);
  });
});

describe("bulk download as zip", () => {
  // Mutation tried: removing the `rows.length !== ids.length` check in videosZip → workspace B
  // mixing in A's id gets a zip of its own video only (silently) instead of 404; this fails.
  // Mutation tried: querying by id without workspaceId in findVideosForWorkspace → B downloads
  // A's video; the first not_found expectation fails.
  it("zips ready videos of the caller's workspace only, and says which are not ready", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const ready = (await createVideo(a, { title: "Same title", script: "Ready to download.", avatarProfileId: "mike" })).video;
    const pending = (await createVideo(a, { title: "Same title", script: "Still in the queue.", avatarProfileId: "mike" })).video;
    const other = (await createVideo(b, { title: "B's own", script: "Belongs to B.", avatarProfileId: "mike" })).video;
    await processVideo(ready.id);

    await expect(videosZip(b, { ids: ready.id })).rejects.toMatchObject({ code: "not_found" });
    await expect(videosZip(b, { ids: `${other.id},${ready.id}` })).rejects.toMatchObject({ code: "not_found" });
    await expect(videosZip(a, { ids: `${ready.id},${pending.id}` })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/Not ready yet: “Same title”/) });
    await expect(videosZip(a, { ids: "not-a-uuid" })).rejects.toThrow(/UUID/);
    await expect(videosZip(a, {})).rejects.toThrow(/ids=/);

    const z = await videosZip(a, { ids: ready.id });
    const parts: Buffer[] = [];
    for await (const p of z.stream) parts.push(p);
    const buf = Buffer.concat(parts);
    expect(buf.length).toBe(z.size);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "libzip-"));
    fs.writeFileSync(path.join(dir, "v.zip"), buf);
    const listing = execFileSync("unzip", ["-l", path.join(dir, "v.zip")], { encoding: "utf8" });
    expect(listing).toMatch(/same-title\.mp4/);
    expect(execFileSync("unzip", ["-t", path.join(dir, "v.zip")], { encoding: "utf8" })).toMatch(/No errors detected/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
