/**
 * The front door against the attacks of issue 10, through the real /api/v1 handlers and a real
 * PostgreSQL. Each test names the guard it covers and the mutation that was tried on it.
 */
import net from "node:net";
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { upsertMember } from "@/db/queries/accounts";
import { signUp } from "@/lib/auth/signup";
import { contextForUser } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { newWorkspace } from "@/lib/testing/fixtures";
import * as videos from "@/app/api/v1/videos/route";
import * as budget from "@/app/api/v1/budget/route";
import * as apiKeys from "@/app/api/v1/api-keys/route";
import * as apiKey from "@/app/api/v1/api-keys/[id]/route";
import * as shareLink from "@/app/api/v1/share-links/[id]/route";
import * as providerTest from "@/app/api/v1/providers/[id]/test/route";
import * as researchConfigs from "@/app/api/v1/research/configurations/route";
import * as webhooks from "@/app/api/v1/webhooks/route";
import { createWorkspaceApiKey } from "@/lib/settings/api-keys";
import { mapDbError } from "./db-errors";
import { errorResponse } from "./respond";
import { createRateLimiter } from "./rate-limit";
import { BASE, call, keyFor } from "./test-helpers";

const video = { title: "Hello", script: "A short script.", avatarProfileId: "mike" };

describe("CSRF: cookie-authenticated unsafe calls need our Origin and JSON", () => {
  // Mutation tried: `if (!viaKey)` → `if (false)` in handler.ts: the forged calls reach auth
  // (401, not 403) and these tests fail.
  it("refuses a text/plain form post from another port of the same site", async () => {
    const r = await call(videos.POST, "/videos", {
      rawBody: JSON.stringify(video),
      headers: { "content-type": "text/plain", origin: "http://studio.test:8080", cookie: "next-auth.session-token=victim" },
    });
    expect(r.status).toBe(403);
    expect(r.json.error.reason).toBe("origin");
  });

  it("refuses a browser call without Origin unless it is same-origin", async () => {
    const cookie = "next-auth.session-token=victim";
    const r = await call(videos.POST, "/videos", { body: video, headers: { cookie, "sec-fetch-site": "same-site" } });
    expect(r.status).toBe(403);
    const nullOrigin = await call(videos.POST, "/videos", { body: video, headers: { cookie, origin: "null" } });
    expect(nullOrigin.status).toBe(403);
  });

  // Mutation tried: dropping the content-type check in csrf.ts → 401 instead of 415.
  it("refuses a same-origin call whose body is not JSON (a form cannot send JSON)", async () => {
    const r = await call(videos.POST, "/videos", { rawBody: JSON.stringify(video), headers: { "content-type": "text/plain", origin: BASE } });
    expect(r.status).toBe(415);
  });

  it("lets a same-origin JSON call through to authentication", async () => {
    const r = await call(shareLink.DELETE, "/share-links/x", { headers: { origin: BASE }, params: { id: "x" } }).catch((e) => ({ status: -1, json: String(e) }));
    // No session in a test process: it reaches the session lookup (which needs a Next request
    // scope), i.e. it was not refused by the CSRF guard.
    expect(r.status).not.toBe(403);
  });

  it("API-key calls are exempt (no cookie involved), whatever the Origin", async () => {
    const a = await newWorkspace();
    const key = await keyFor(a);
    const r = await call(videos.POST, "/videos", { key, body: video, headers: { origin: "https://elsewhere.example" } });
    expect(r.status).toBe(201);
  });
});

describe("bounds: NUL, int32, body size → 4xx, never 500", () => {
  // Mutation tried: `return null` at the top of findUnsafeJson → the NUL title reaches
  // PostgreSQL; with the DB mapping also removed it is a 500.
  it("a NUL character in any string is a 400 naming the field", async () => {
    const a = await newWorkspace();
    const r = await call(videos.POST, "/videos", { key: await keyFor(a), body: { ...video, title: "bad\u0000title" } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("body.title");
  });

  it("an integer past int32 is a 400, and a daily cap above the monthly cap is refused as in Settings", async () => {
    const a = await newWorkspace();
    const key = await keyFor(a);
    const big = await call(budget.PUT, "/budget", { key, body: { perVideoCents: null, dailyCents: 2 ** 31, monthlyCents: null } });
    expect(big.status).toBe(400);
    // Mutation tried: removing capsProblems from saveBudgetCaps → 200.
    const inverted = await call(budget.PUT, "/budget", { key, body: { perVideoCents: null, dailyCents: 5000, monthlyCents: 1000 } });
    expect(inverted.status).toBe(400);
    expect(inverted.json.error.field).toBe("dailyCents");
    const ok = await call(budget.PUT, "/budget", { key, body: { perVideoCents: 500, dailyCents: 1000, monthlyCents: 5000 } });
    expect(ok.status).toBe(200);
  });

  // Mutation tried: `total > limit` → `false` in readLimited: the streamed 10 MB body is stored (201).
  it("a 10 MB research configuration is 413, declared or streamed without a length", async () => {
    const a = await newWorkspace();
    const key = await keyFor(a);
    const huge = JSON.stringify({ name: "x".repeat(10 * 1024 * 1024), sources: [] });
    const declared = await call(researchConfigs.POST, "/research/configurations", { key, rawBody: huge, headers: { "content-type": "application/json", "content-length": String(huge.length) } });
    expect(declared.status).toBe(413);
    const bytes = new TextEncoder().encode(huge);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 65536) c.enqueue(bytes.subarray(i, i + 65536));
        c.close();
      },
    });
    const streamed = await call(researchConfigs.POST, "/research/configurations", { key, rawBody: stream, headers: { "content-type": "application/json" } });
    expect(streamed.status).toBe(413);
  });

  it("a 1 MB webhook URL is refused before it is stored", async () => {
    const a = await newWorkspace();
    const r = await call(webhooks.POST, "/webhooks", { key: await keyFor(a), body: { url: `https://example.com/${"a".repeat(1024 * 1024)}` } });
    expect(r.status).toBe(413);
    const long = await call(webhooks.POST, "/webhooks", { key: await keyFor(a), body: { url: `https://example.com/${"a".repeat(3000)}` } });
    expect(long.status).toBe(400);
  });

  // Mutation tried: `params: idParams` removed from the share-links route → PostgreSQL's 22P02
  // bubbles up; with the DB mapping it is still 404, without either it was the 500 of issue 16.
  it("malformed ids answer 404 on the routes that used to 500", async () => {
    const a = await newWorkspace();
    const key = await keyFor(a);
    for (const [route, path] of [[apiKey.DELETE, "/api-keys/nope"], [shareLink.DELETE, "/share-links/nope"]] as const) {
      const r = await call(route, path, { key, params: { id: "nope" } });
      expect(r.status, path).toBe(404);
    }
  });
});

describe("idempotency keys (Stripe's rule)", () => {
  // Mutation tried: `replayOf` returning the existing video without comparing hashes → the
  // different body gets 200 and the first video, as in issue 10.
  it("same key + same body replays (200); same key + different body is 409", async () => {
    const a = await newWorkspace();
    const key = await keyFor(a);
    const headers = { "idempotency-key": `k-${Date.now()}` };
    const first = await call(videos.POST, "/videos", { key, body: video, headers });
    expect(first.status).toBe(201);
    const again = await call(videos.POST, "/videos", { key, body: { script: video.script, avatarProfileId: "mike", title: "Hello" }, headers });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    const other = await call(videos.POST, "/videos", { key, body: { ...video, script: "A different script entirely." }, headers });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("conflict");
  });
});

describe("privileges", () => {
  // Mutation tried: deleting assertMayMintApiKeys from createWorkspaceApiKey (and the route's
  // sessionOnly) → the key mints a key (201).
  it("an API key cannot mint API keys, even an owner's", async () => {
    const a = await newWorkspace();
    const r = await call(apiKeys.POST, "/api-keys", { key: await keyFor(a), body: { name: "escape hatch" } });
    expect(r.status).toBe(403);
    await expect(createWorkspaceApiKey({ ...a, via: "api_key" }, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createWorkspaceApiKey(a, { name: "from the dashboard" })).resolves.toMatchObject({ name: "from the dashboard" });
  });

  // Mutation tried: removing `roles` from the provider test route → the member's call runs (200).
  it("a member (not admin) cannot run provider connection tests", async () => {
    const a = await newWorkspace();
    const email = `member-${Date.now()}@example.com`;
    const s = await signUp({ name: "Member", email, password: "password-for-tests" });
    if (!s.ok) throw new Error("sign-up failed");
    await upsertMember(getDb(), a.workspace.id, s.userId, "member");
    const member = await contextForUser(s.userId, a.workspace.id);
    expect(member?.role).toBe("member");
    const r = await call(providerTest.POST, "/providers/heygen/test", { key: await keyFor(member!), params: { id: "heygen" } });
    expect(r.status).toBe(403);
  });
});

describe("error mapping", () => {
  // Mutation tried: isAppError back to `e instanceof AppError` → this answers 500.
  it("an AppError from another bundle (another class) keeps its status", async () => {
    class ForeignAppError extends Error {
      readonly code = "not_found";
      constructor(message: string) {
        super(message);
        Object.defineProperty(this, Symbol.for("avs.AppError"), { value: true });
      }
    }
    const r = errorResponse(new ForeignAppError("Storage object not found."));
    expect(r.status).toBe(404);
    expect(errorResponse(new AppError("gone", "x")).status).toBe(410);
    expect(errorResponse(new Error("boom")).status).toBe(500);
  });

  it("real PostgreSQL errors: bad uuid → 404, unique violation → 409, out of range → 400", async () => {
    const db = getDb();
    const caught = async (q: Promise<unknown>) => q.then(() => null, (e: unknown) => e);
    expect(mapDbError(await caught(db.execute(sql`select ${"not-a-uuid"}::uuid`)))?.code).toBe("not_found");
    expect(mapDbError(await caught(db.execute(sql`select ${"3000000000"}::int4`)))?.code).toBe("bad_request");
    const dup = await caught(
      db.transaction(async (tx) => {
        await tx.execute(sql`create temp table t_dup (id int primary key) on commit drop`);
        await tx.execute(sql`insert into t_dup values (1), (1)`);
      }),
    );
    expect(mapDbError(dup)?.code).toBe("conflict");
  });

  // Mutation tried: dropping the CONNECTION_CODES branch → null → a 500 without Retry-After.
  it("an unreachable database is 503 with Retry-After", async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const client = postgres(`postgres://x@127.0.0.1:${port}/x`, { max: 1, connect_timeout: 5, onnotice: () => {} });
    const err = await client`select 1`.then(() => null, (e: unknown) => e);
    await client.end({ timeout: 1 });
    const res = errorResponse(err);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });
});

describe("rate limits", () => {
  it("a fixed window per workspace with headers, and Retry-After once exhausted", () => {
    let t = 0;
    const l = createRateLimiter({ limit: 2, windowMs: 60_000, now: () => t });
    expect(l.hit("w").allowed).toBe(true);
    expect(l.hit("w").remaining).toBe(0);
    const third = l.hit("w");
    expect(third.allowed).toBe(false);
    expect(third.resetSeconds).toBe(60);
    expect(l.hit("other").allowed).toBe(true);
    t = 60_000;
    expect(l.hit("w").allowed).toBe(true);
  });

  it("API-key answers carry RateLimit-* headers", async () => {
    const a = await newWorkspace();
    const r = await call(videos.GET, "/videos", { key: await keyFor(a) });
    expect(r.status).toBe(200);
    expect(Number(r.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    expect(r.headers.get("ratelimit-remaining")).not.toBeNull();
  });
});
