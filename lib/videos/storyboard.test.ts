/**
 * Storyboards through the real front door (issue 14): POST /storyboards/plan from a research run
 * over the fake sources and from a script, and POST /videos with a storyboard (its lines are the
 * script, its uploads must be the workspace's own, platforms add their aspects).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import { startResearchFakes, type ResearchFakes } from "@/e2e/fakes/research";
import type { AuthContext } from "@/lib/auth/context";
import { storyboardScript, type Storyboard } from "@/lib/compose/types";
import { call, keyFor } from "@/lib/http/test-helpers";
import { executeResearchJob, runResearchJob } from "@/lib/research/service";
import { storage } from "@/lib/storage";
import { newWorkspace } from "@/lib/testing/fixtures";
import { POST as planRoute } from "@/app/api/v1/storyboards/plan/route";
import { POST as createRoute } from "@/app/api/v1/videos/route";
import { GET as cardPreviewRoute } from "@/app/api/v1/storyboards/card-preview/route";
import { probeMedia } from "@/lib/render/ffmpeg";
import { processVideo } from "./process";
import { storyboardFromScript } from "./storyboard";

let fakes: ResearchFakes;
let ctx: AuthContext;
let key: string;

beforeAll(async () => {
  fakes = await startResearchFakes();
  ctx = await newWorkspace();
  key = await keyFor(ctx);
});
afterAll(async () => {
  await fakes?.close();
});

async function completedJob(c: AuthContext) {
  const job = await runResearchJob(c, { name: "AI tools", sources: [{ source: "hackernews" }, { source: "github" }, { source: "rss", feedUrl: fakes.urls.rss }] });
  const outcome = await executeResearchJob({ workspaceId: c.workspace.id, researchJobId: job.id, attempt: 0 }, { connector: { baseUrls: fakes.baseUrls, sleep: async () => {} } });
  expect(outcome).toBe("completed");
  return job;
}

const board = (over: Partial<Storyboard> = {}): Storyboard => ({ ...storyboardFromScript("First line.\n\nSecond line.", ["9:16"]), ...over });

describe("POST /storyboards/plan", () => {
  it("plans a research run into scenes with research cards and citations, and lists cards to swap in", async () => {
    const job = await completedJob(ctx);
    const r = await call(planRoute, "/storyboards/plan", { key, body: { researchJobId: job.id, platforms: ["youtube"], aspects: ["9:16", "1:1"] } });
    expect(r.status).toBe(200);
    const sb = r.json.storyboard as Storyboard;
    // Mutation tried: storyboardFromLines giving every line a presenter scene → no card scene, fails.
    const carded = sb.scenes.filter((s) => s.visual.type === "card");
    expect(carded.length).toBeGreaterThanOrEqual(3);
    expect(carded.every((s) => s.citation && s.citation.label.length > 0)).toBe(true);
    expect(sb.scenes[0].layout).toBe("presenter");
    // Ticked platforms add their aspect after the chosen ones (mutation tried: ignoring platforms in aspectsOf → 16:9 missing).
    expect(sb.aspects).toEqual(["9:16", "1:1", "16:9"]);
    expect(r.json.cards.length).toBeGreaterThan(carded.length - 1);
    expect(r.json.cards[0].visual.type).toBe("card");
    expect(r.json.title).toEqual(expect.any(String));
  });

  it("plans the user's own script over a run's items: a paragraph quoting an item shows its card", async () => {
    const job = await completedJob(ctx);
    const cards = (await call(planRoute, "/storyboards/plan", { key, body: { researchJobId: job.id } })).json.cards as Array<{ title: string; itemId: string }>;
    const script = `Here is what I found.\n\nLook at ${cards[0].title} today.\n\nFollow for more.`;
    const r = await call(planRoute, "/storyboards/plan", { key, body: { researchJobId: job.id, script } });
    expect(r.status).toBe(200);
    expect(r.json.storyboard.scenes.map((s: { visual: { type: string } }) => s.visual.type)).toEqual(["none", "card", "none"]);
    expect(r.json.cards.length).toBe(cards.length);
  });

  it("splits a plain script by paragraphs into presenter scenes", async () => {
    const r = await call(planRoute, "/storyboards/plan", { key, body: { script: "Hook here.\n\nPoint one\ncontinues.\n\n\nBye." } });
    expect(r.status).toBe(200);
    expect(r.json.storyboard.scenes.map((s: { text: string; layout: string }) => [s.text, s.layout])).toEqual([
      ["Hook here.", "presenter"],
      ["Point one\ncontinues.", "presenter"],
      ["Bye.", "presenter"],
    ]);
    expect(r.json.storyboard.aspects).toEqual(["9:16"]);
  });

  it("answers 4xx that say what to send, and 404 for another workspace's research run", async () => {
    const none = await call(planRoute, "/storyboards/plan", { key, body: {} });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.json)).toMatch(/researchJobId.*or a script/);
    const emptyOverRun = await call(planRoute, "/storyboards/plan", { key, body: { researchJobId: (await completedJob(ctx)).id, script: "  " } });
    expect(emptyOverRun.status).toBe(400);
    expect(JSON.stringify(emptyOverRun.json)).toContain("The script is empty");
    const badId = await call(planRoute, "/storyboards/plan", { key, body: { researchJobId: "not-an-id" } });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.json)).toContain("Ids are UUIDs");
    const badAspect = await call(planRoute, "/storyboards/plan", { key, body: { script: "Hi", aspects: ["3:2"] } });
    expect(badAspect.status).toBe(400);
    const other = await newWorkspace();
    const otherJob = await runResearchJob(other, { name: "Theirs", sources: [{ source: "hackernews" }] });
    const stolen = await call(planRoute, "/storyboards/plan", { key, body: { researchJobId: otherJob.id } });
    expect(stolen.status).toBe(404);
  });
});

describe("GET /storyboards/card-preview", () => {
  it("draws a card as a PNG of the aspect's box, and answers 400 to a card that is not one", async () => {
    const card = { kind: "hackernews", title: `Show HN: </text><script>"; drawtext=x`, points: 512, comments: 99 };
    const r = await call(cardPreviewRoute, "/storyboards/card-preview", { key, query: new URLSearchParams({ card: JSON.stringify(card), aspect: "16:9" }).toString() });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(r.json as string, "latin1");
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const notJson = await call(cardPreviewRoute, "/storyboards/card-preview", { key, query: "card=%7Bnope" });
    expect(notJson.status).toBe(400);
    expect(JSON.stringify(notJson.json)).toContain("JSON of a scene visual");
    const wrongKind = await call(cardPreviewRoute, "/storyboards/card-preview", { key, query: new URLSearchParams({ card: JSON.stringify({ kind: "tiktok" }) }).toString() });
    expect(wrongKind.status).toBe(400);
  });
});

describe("POST /videos with a storyboard", () => {
  it("stores the board, speaks its lines, and adds the aspects of ticked platforms", async () => {
    const sb = board({ aspects: ["16:9"] });
    const r = await call(createRoute, "/videos", { key, body: { title: "Composed", avatarProfileId: "sarah", script: "A script the board replaces.", storyboard: sb, targetPlatforms: ["tiktok", "instagram_feed_square"] } });
    expect(r.status).toBe(201);
    const [row] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, r.json.id));
    // Mutation tried: `const script = v.script ?? storyboardScript(board)` (the sent script wins) → fails.
    expect(row.scriptContent).toBe(storyboardScript(sb));
    expect(row.storyboard?.aspects).toEqual(["16:9", "9:16", "1:1"]);
    expect(row.aspectRatio).toBe("landscape");
  });

  it("refuses a request with neither script nor storyboard, a malformed scene, and an over-long board with 400", async () => {
    const none = await call(createRoute, "/videos", { key, body: { title: "Nothing", avatarProfileId: "sarah" } });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.json)).toContain("Write a script");
    const badLayout = await call(createRoute, "/videos", { key, body: { title: "Bad", avatarProfileId: "sarah", storyboard: { ...board(), scenes: [{ ...board().scenes[0], layout: "sideways" }] } } });
    expect(badLayout.status).toBe(400);
    const long = "A sentence that goes on. ".repeat(400);
    const tooLong = await call(createRoute, "/videos", { key, body: { title: "Long", avatarProfileId: "sarah", storyboard: board({ scenes: Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, text: long.slice(0, 1200), layout: "presenter" as const, visual: { type: "none" as const }, citation: null })) }) } });
    // Mutation tried: dropping the MAX_SCRIPT_CHARS check in createVideoRequestSchema → 201 here.
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.json)).toContain("Shorten some lines");
  });

  it("accepts the workspace's own upload as a scene visual and answers 404 for another workspace's", async () => {
    const ownKey = `uploads/${ctx.workspace.id}/sb-test/image.png`;
    await storage().putBuffer(ownKey, Buffer.from("not really a png"), "image/png");
    const withUpload = (k: string) => board({ scenes: [{ id: "s1", text: "Look at this.", layout: "visual", visual: { type: "upload", key: k, kind: "image" }, citation: null }] });
    const ok = await call(createRoute, "/videos", { key, body: { title: "Mine", avatarProfileId: "sarah", storyboard: withUpload(ownKey) } });
    expect(ok.status).toBe(201);
    const other = await newWorkspace();
    const theirKey = `uploads/${other.workspace.id}/sb-test/image.png`;
    await storage().putBuffer(theirKey, Buffer.from("theirs"), "image/png");
    // Mutation tried: removing the storyboardMediaKeys loop in createVideo → 201 here.
    const stolen = await call(createRoute, "/videos", { key, body: { title: "Theirs", avatarProfileId: "sarah", storyboard: withUpload(theirKey) } });
    expect(stolen.status).toBe(404);
    const music = await call(createRoute, "/videos", { key, body: { title: "Their music", avatarProfileId: "sarah", storyboard: board({ music: { bed: { key: theirKey }, volumeDb: -20 } }) } });
    expect(music.status).toBe(404);
  });
});

describe("one job, three formats", () => {
  it("renders a storyboard with a card scene into 9:16, 16:9 and 1:1 renditions, each of its own shape", { timeout: 15 * 60_000 }, async () => {
    const sb: Storyboard = {
      version: 1,
      scenes: [
        { id: "s1", text: "Here is one thing.", layout: "presenter", visual: { type: "none" }, citation: null },
        { id: "s2", text: "It got five hundred points.", layout: "split", visual: { type: "card", card: { kind: "hackernews", title: "Show HN: a tiny tool", points: 512, comments: 99 } }, citation: { label: "Hacker News", url: null } },
      ],
      music: { bed: "none", volumeDb: -20 },
      aspects: ["9:16", "16:9", "1:1"],
    };
    const r = await call(createRoute, "/videos", { key, body: { title: "Three formats", avatarProfileId: "sarah", storyboard: sb } });
    expect(r.status).toBe(201);
    expect(await processVideo(r.json.id)).toBe("done");
    const [row] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, r.json.id));
    expect(row.status).toBe("completed");
    const shapes = { "9:16": 9 / 16, "16:9": 16 / 9, "1:1": 1 } as const;
    const sizes = new Set<string>();
    for (const [aspect, ratio] of Object.entries(shapes)) {
      expect(row.renditions[aspect], aspect).toBeTruthy();
      const info = await probeMedia(await storage().toLocalFile(row.renditions[aspect]));
      expect(Math.abs(info.width / info.height - ratio), `${aspect}: ${info.width}x${info.height}`).toBeLessThan(0.02);
      sizes.add(`${info.width}x${info.height}`);
    }
    expect(sizes.size).toBe(3);
  });
});
