/**
 * Tenancy you can audit (issue 10): every resource is created in workspace A, then every
 * /api/v1 route that takes an id is called by workspace B's API key with A's id. Each must
 * answer 404 (never A's data, never 403, which would confirm the id exists), and A's row must
 * be byte-for-byte unchanged. The table is checked against the route files on disk: a new
 * route with an `[id]` segment and no entry here fails the first test.
 *
 * What it caught on its first run: GET videos/{A's id}/share answered 200 `{links: []}` to B
 * (fixed with requireVideo). Mutation tried: removing that requireVideo line → this fails again;
 * deleting the `videos/[id]/cancel` entry from TABLE → the coverage test fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { apiKeys, connectedAccounts, researchConfigurations, researchJobs, shareLinks, videoCampaigns, videoGenerations, webhookEndpoints, workspaces } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { createCampaign } from "@/lib/campaigns/service";
import { createResearchConfiguration, runResearchJob } from "@/lib/research/service";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "@/lib/videos/create";
import { processVideo } from "@/lib/videos/process";
import { createShareLink } from "@/lib/videos/share";
import { createEndpoint } from "@/lib/webhooks";
import { createApiKey } from "@/lib/auth/api-keys";
import type { GuardedRoute, Method } from "@/lib/http/handler";
import { call, keyFor } from "@/lib/http/test-helpers";
import { ROUTE_MODULES } from "./routes";
import { routeFilesOnDisk } from "@/lib/api/route-files";

type Resource = "video" | "shareLink" | "apiKey" | "campaign" | "researchConfig" | "researchJob" | "webhook" | "workspace" | "socialAccount";

const TABLES: Record<Resource, PgTable & { id: typeof videoGenerations.id }> = {
  video: videoGenerations,
  shareLink: shareLinks,
  apiKey: apiKeys,
  campaign: videoCampaigns,
  researchConfig: researchConfigurations,
  researchJob: researchJobs,
  webhook: webhookEndpoints,
  workspace: workspaces,
  socialAccount: connectedAccounts,
} as never;

interface Case {
  resource: Resource;
  /** A body that would be valid for the caller's own resource, so only tenancy can refuse it. */
  body?: unknown;
}

/** Every method of every `[id]` route: a case, or a reason it is not a workspace resource. */
const TABLE: Record<string, Partial<Record<Method, Case | { exempt: string }>>> = {
  "api-keys/[id]/route.ts": { DELETE: { resource: "apiKey" } },
  "batches/[id]/route.ts": { GET: { exempt: "workspace resource; B's 404 for A's batch is tested in lib/batches/batch.test.ts" } },
  "members/[id]/route.ts": {
    PATCH: { exempt: "workspace membership; another workspace's member is 404 in app/api/v1/members/members-routes.test.ts" },
    DELETE: { exempt: "workspace membership; another workspace's member is 404 in app/api/v1/members/members-routes.test.ts" },
  },
  "members/invites/[id]/route.ts": { DELETE: { exempt: "invite; another workspace's invite is 404 in app/api/v1/members/members-routes.test.ts" } },
  "members/invites/[id]/resend/route.ts": { POST: { exempt: "invite; bad and foreign ids are 404 in app/api/v1/members/members-routes.test.ts" } },
  "campaigns/[id]/route.ts": {
    GET: { resource: "campaign" },
    PUT: { resource: "campaign", body: { name: "Hijacked", active: false } },
    DELETE: { resource: "campaign" },
  },
  "campaigns/[id]/pause/route.ts": { POST: { resource: "campaign" } },
  "campaigns/[id]/resume/route.ts": { POST: { resource: "campaign" } },
  "campaigns/[id]/run/route.ts": { POST: { resource: "campaign" } },
  "providers/[id]/route.ts": { PUT: { exempt: "the id is a provider name (heygen…), and the settings written are the caller's own workspace's" } },
  "providers/[id]/test/route.ts": { POST: { exempt: "the id is a provider name; the test uses the caller's own workspace settings" } },
  "research/configurations/[id]/route.ts": {
    GET: { resource: "researchConfig" },
    PUT: { resource: "researchConfig", body: { name: "Hijacked" } },
    DELETE: { resource: "researchConfig" },
  },
  "research/configurations/[id]/run/route.ts": { POST: { resource: "researchConfig" } },
  "research/jobs/[id]/route.ts": { GET: { resource: "researchJob" } },
  "research/jobs/[id]/script/route.ts": { POST: { resource: "researchJob", body: {} } },
  "share-links/[id]/route.ts": { DELETE: { resource: "shareLink" } },
  "templates/[id]/route.ts": {
    PATCH: { exempt: "workspace template; B's 404 for A's template (row unchanged) is tested in app/api/v1/templates/templates.test.ts" },
    DELETE: { exempt: "workspace template; B's 404 for A's template (row unchanged) is tested in app/api/v1/templates/templates.test.ts" },
  },
  "videos/[id]/route.ts": { GET: { resource: "video" }, DELETE: { resource: "video" } },
  "videos/[id]/cancel/route.ts": { POST: { resource: "video" } },
  "videos/[id]/share/route.ts": { GET: { resource: "video" }, POST: { resource: "video", body: { expiresInHours: 24 } } },
  "webhooks/[id]/route.ts": { DELETE: { resource: "webhook" } },
  "webhooks/[id]/test/route.ts": { POST: { resource: "webhook" } },
  "workspaces/[id]/route.ts": { GET: { resource: "workspace" } },
  "publishing/accounts/[id]/route.ts": { DELETE: { resource: "socialAccount" } },
  "publishing/accounts/[id]/creator-info/route.ts": { GET: { resource: "socialAccount" } },
};

const METHODS: Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

async function snapshot(resource: Resource, id: string): Promise<string> {
  const t = TABLES[resource];
  const rows = await getDb().select().from(t).where(eq(t.id, id));
  expect(rows.length, `${resource} ${id} exists in A`).toBe(1);
  return JSON.stringify(rows[0]);
}

describe("tenancy: workspace B gets 404 for every id of workspace A", () => {
  let a: AuthContext;
  let b: AuthContext;
  let keyB: string;
  const ids = {} as Record<Resource, string>;

  beforeAll(async () => {
    a = await newWorkspace();
    b = await newWorkspace();
    keyB = await keyFor(b);
    const { video } = await createVideo(a, { title: "A's private video", script: "Only workspace A may see this.", avatarProfileId: "mike" });
    await processVideo(video.id);
    ids.video = video.id;
    ids.shareLink = (await createShareLink(a, video.id, { expiresInHours: 24 })).id;
    ids.apiKey = (await createApiKey(a.workspace.id, a.user.id, "A's key")).id;
    ids.campaign = (await createCampaign(a, { name: "A's campaign", sources: [{ source: "hackernews" }], avatarProfileId: "mike" })).id;
    const cfg = await createResearchConfiguration(a, { name: "A's research", sources: [{ source: "manual", text: "A private note about widgets." }] });
    ids.researchConfig = cfg.id;
    ids.researchJob = (await runResearchJob(a, cfg.id, { trigger: "manual" })).id;
    ids.webhook = (await createEndpoint(a, { url: "https://hooks.example.com/a" })).id;
    ids.workspace = a.workspace.id;
    // The end state of the OAuth flow (which lib/publishing/publishing.test.ts drives against
    // the platform fakes): tenancy only needs the row to exist in A.
    const [acct] = await getDb()
      .insert(connectedAccounts)
      .values({ workspaceId: a.workspace.id, platform: "tiktok", externalAccountId: "open-id-a", displayName: "A's TikTok", accessTokenEnc: "sealed", dailyCap: 5, createdBy: a.user.id })
      .returning();
    ids.socialAccount = acct.id;
  }, 180_000);

  it("covers every method of every route with an id (a new route without an entry fails here)", () => {
    const withId = routeFilesOnDisk().filter((f) => f.includes("["));
    const missing: string[] = [];
    for (const file of withId) {
      const mod = ROUTE_MODULES[file];
      if (!mod) {
        missing.push(`${file} (not in routes.ts)`);
        continue;
      }
      for (const m of METHODS) if (m in mod && !TABLE[file]?.[m]) missing.push(`${m} ${file}`);
    }
    expect(missing).toEqual([]);
  });

  const cases = Object.entries(TABLE).flatMap(([file, byMethod]) =>
    Object.entries(byMethod).flatMap(([m, c]) => ("resource" in c ? [{ file, method: m as Method, c }] : [])),
  );

  it.each(cases)("$method $file → 404, A's row unchanged", async ({ file, method, c }) => {
    const route = ROUTE_MODULES[file][method] as GuardedRoute;
    const id = ids[c.resource];
    const before = await snapshot(c.resource, id);
    const r = await call(route, route.spec.path.replace("{id}", id), { key: keyB, params: { id }, ...(c.body !== undefined ? { body: c.body } : {}) });
    expect(r.status, JSON.stringify(r.json)).toBe(404);
    expect(JSON.stringify(r.json)).not.toContain("A's");
    expect(await snapshot(c.resource, id)).toBe(before);
  });

  // Ids in bodies too. Mutation tried: removing the findResearchJob check in createVideo →
  // B's video is created citing A's research (the create action's hole in issue 10).
  it("ids in bodies: research jobs, videos and social accounts of A are not found for B", async () => {
    const settings = { title: "Stolen", script: "Citing research that is not mine.", avatarProfileId: "mike" };
    await expect(createVideo(b, settings, { researchJobId: ids.researchJob })).rejects.toMatchObject({ code: "not_found" });
    const fromResearch = ROUTE_MODULES["videos/from-research/route.ts"].POST as GuardedRoute;
    const r = await call(fromResearch, "/videos/from-research", { key: keyB, body: { researchJobId: ids.researchJob, avatarProfileId: "mike" } });
    expect(r.status).toBe(404);
    const posts = ROUTE_MODULES["publishing/posts/route.ts"].POST as GuardedRoute;
    const post = await call(posts, "/publishing/posts", { key: keyB, body: { videoId: ids.video, accountId: ids.socialAccount, caption: "mine now" } });
    expect(post.status, JSON.stringify(post.json)).toBe(404);
    const listPosts = ROUTE_MODULES["publishing/posts/route.ts"].GET as GuardedRoute;
    const list = await call(listPosts, "/publishing/posts", { key: keyB, query: `videoId=${ids.video}` });
    expect(list.json.posts ?? []).toEqual([]);
    const mine = await getDb().select({ id: videoGenerations.id }).from(videoGenerations).where(eq(videoGenerations.workspaceId, b.workspace.id));
    expect(mine).toEqual([]);
  });
});
