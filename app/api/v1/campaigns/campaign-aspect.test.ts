/**
 * A campaign's own aspect (issue 13) through the real front door (API key → guarded handler →
 * zod → lib/campaigns → db/queries/campaigns) and a real run (research fakes → createVideo).
 *
 * Mutations tried (each made the named case fail, then was undone):
 * - lib/campaigns/process.ts: `aspectRatio: campaign.aspectRatio ?? undefined` removed from the
 *   createVideo call → "a run makes videos in the campaign's aspect" stores portrait, not
 *   portrait_4x5 (and the template case stores the template's landscape, not square).
 * - lib/campaigns/service.ts settingsValues: `aspectRatio: v.aspectRatio ?? null` removed → the
 *   create answers aspectRatio null and the run makes portrait videos.
 * - lib/campaigns/service.ts resolveRefs: the assertAspectMakeable call removed → "no enabled
 *   provider makes 4:5" answers 201 instead of 400.
 * - lib/campaigns/service.ts updateCampaignSettings: findCampaign and updateCampaign replaced by a
 *   select and an update by id alone (no workspaceId) → B's PUT answers 200 and A's aspect and
 *   name change ("another workspace's campaign").
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { videoCampaigns, videoGenerations } from "@/db/schema";
import { startResearchFakes, type ResearchFakes } from "@/e2e/fakes/research";
import type { AuthContext } from "@/lib/auth/context";
import { runCampaignNow } from "@/lib/campaigns/process";
import { call, keyFor } from "@/lib/http/test-helpers";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { newWorkspace } from "@/lib/testing/fixtures";
import { POST as createTemplateRoute } from "@/app/api/v1/templates/route";
import { ROUTE_MODULES } from "@/app/api/v1/routes";
import { buildOpenApi } from "@/lib/api/openapi";
import { specsOf } from "@/lib/api/specs";
import { GET as getRoute, PUT } from "./[id]/route";
import { POST } from "./route";

let fakes: ResearchFakes;
const clock = new Date("2025-06-09T05:00:00Z");
const connector = () => ({ baseUrls: fakes.baseUrls, now: () => clock, sleep: async () => {} });

let a: AuthContext;
let keyA: string;
let keyB: string;

beforeAll(async () => {
  fakes = await startResearchFakes({ now: () => clock.getTime() });
  a = await newWorkspace({ plan: "pro" });
  keyA = await keyFor(a);
  keyB = await keyFor(await newWorkspace({ plan: "pro" }));
}, 60_000);
afterAll(async () => {
  await fakes.close();
});

const body = (extra: Record<string, unknown>) => ({
  name: "Feed pulse",
  sources: [{ source: "hackernews" }, { source: "github" }],
  avatarProfileId: "sarah",
  maxVideosPerDay: 1,
  ...extra,
});

async function videosOf(ctx: AuthContext, campaignId: string) {
  return getDb()
    .select({ aspectRatio: videoGenerations.aspectRatio })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, ctx.workspace.id), eq(videoGenerations.campaignId, campaignId)));
}

describe("campaign aspect", () => {
  it("a run makes videos in the campaign's aspect (4:5), and GET shows it", async () => {
    const c = await call(POST, "/campaigns", { key: keyA, body: body({ aspectRatio: "portrait_4x5" }) });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    expect(c.json.aspectRatio).toBe("portrait_4x5");
    const g = await call(getRoute, `/campaigns/${c.json.id}`, { key: keyA, params: { id: c.json.id } });
    expect(g.json.campaign.aspectRatio).toBe("portrait_4x5");

    const r = await runCampaignNow(a, c.json.id, { connector: connector(), now: clock });
    expect(r.videosCreated, r.note ?? "").toBe(1);
    expect(await videosOf(a, c.json.id)).toEqual([{ aspectRatio: "portrait_4x5" }]);
  });

  it("the campaign's aspect wins over its template's; without one the template's applies", async () => {
    const t = await call(createTemplateRoute, "/templates", { key: keyA, body: { name: "Wide", aspectRatio: "landscape" } });
    expect(t.status, JSON.stringify(t.json)).toBe(201);
    const own = await call(POST, "/campaigns", { key: keyA, body: body({ name: "Own square", templateId: t.json.id, aspectRatio: "square" }) });
    const fromTemplate = await call(POST, "/campaigns", { key: keyA, body: body({ name: "Template wide", templateId: t.json.id }) });
    expect(own.status, JSON.stringify(own.json)).toBe(201);
    expect(fromTemplate.json.aspectRatio).toBeNull();
    await runCampaignNow(a, own.json.id, { connector: connector(), now: clock });
    await runCampaignNow(a, fromTemplate.json.id, { connector: connector(), now: clock });
    expect(await videosOf(a, own.json.id)).toEqual([{ aspectRatio: "square" }]);
    expect(await videosOf(a, fromTemplate.json.id)).toEqual([{ aspectRatio: "landscape" }]);
  });

  it("a bad aspect is a 400 that lists the valid ones, on create and on update", async () => {
    const c = await call(POST, "/campaigns", { key: keyA, body: body({ aspectRatio: "4:5" }) });
    expect(c.status).toBe(400);
    expect(JSON.stringify(c.json)).toContain("portrait (9:16), landscape (16:9), square (1:1) or portrait_4x5 (4:5)");
    const ok = await call(POST, "/campaigns", { key: keyA, body: body({ name: "To patch" }) });
    const p = await call(PUT, `/campaigns/${ok.json.id}`, { key: keyA, params: { id: ok.json.id }, body: { aspectRatio: "vertical" } });
    expect(p.status).toBe(400);
    expect(JSON.stringify(p.json)).toContain("portrait_4x5 (4:5)");
    // null clears it back to "from the template".
    const set = await call(PUT, `/campaigns/${ok.json.id}`, { key: keyA, params: { id: ok.json.id }, body: { aspectRatio: "landscape" } });
    expect(set.json.aspectRatio).toBe("landscape");
    const cleared = await call(PUT, `/campaigns/${ok.json.id}`, { key: keyA, params: { id: ok.json.id }, body: { aspectRatio: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.json.aspectRatio).toBeNull();
  });

  it("no enabled provider makes 4:5 → the save is a 400 naming who makes it (not a silent run failure)", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    const key = await keyFor(ctx);
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: false });
    await saveProviderSettings(ctx, "runway", { enabled: true, priority: 5, apiKey: "rw_test_key" });
    const c = await call(POST, "/campaigns", { key, body: body({ aspectRatio: "portrait_4x5" }) });
    expect(c.status).toBe(400);
    expect(c.json.error.message).toBe("None of your enabled providers makes 4:5 videos. Local studio, HeyGen make it. Enable one in Settings → Providers, or pick another aspect ratio.");
    // 9:16 is fine on Runway; switching that campaign to 4:5 later is refused the same way.
    const tall = await call(POST, "/campaigns", { key, body: body({ aspectRatio: "portrait" }) });
    expect(tall.status, JSON.stringify(tall.json)).toBe(201);
    const p = await call(PUT, `/campaigns/${tall.json.id}`, { key, params: { id: tall.json.id }, body: { aspectRatio: "portrait_4x5" } });
    expect(p.status).toBe(400);
    expect(p.json.error.message).toContain("makes 4:5 videos");
  });

  it("another workspace's campaign is 404 on PUT, and its aspect is unchanged", async () => {
    const c = await call(POST, "/campaigns", { key: keyA, body: body({ name: "A only", aspectRatio: "square" }) });
    const p = await call(PUT, `/campaigns/${c.json.id}`, { key: keyB, params: { id: c.json.id }, body: { aspectRatio: "landscape", name: "Hijacked" } });
    expect(p.status).toBe(404);
    const g = await call(getRoute, `/campaigns/${c.json.id}`, { key: keyB, params: { id: c.json.id } });
    expect(g.status).toBe(404);
    const [row] = await getDb().select().from(videoCampaigns).where(eq(videoCampaigns.id, c.json.id));
    expect(row).toMatchObject({ aspectRatio: "square", name: "A only" });
  });

  it("the OpenAPI document offers aspectRatio with the video API's names on create and update", () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking a generated document
    const doc = buildOpenApi(specsOf(ROUTE_MODULES)) as any;
    for (const op of [doc.paths["/api/v1/campaigns"].post, doc.paths["/api/v1/campaigns/{id}"].put]) {
      const prop = JSON.stringify(op.requestBody.content["application/json"].schema.properties.aspectRatio);
      for (const name of ["portrait", "landscape", "square", "portrait_4x5"]) expect(prop).toContain(`"${name}"`);
    }
  });
});
