/**
 * The typed client is checked against the OpenAPI document: every method's request (method +
 * path) must be an operation the document describes. Each method is called with a recording
 * fetch (the network is the boundary here, not our code) and matched against the paths.
 *
 * Mutation tried: the client's batch path changed to `/batch/{id}` → "GET /batch/{id}" is
 * reported as missing from the document.
 */
import { describe, expect, it } from "vitest";
import { ROUTE_MODULES } from "@/app/api/v1/routes";
import { buildOpenApi } from "./openapi";
import { specsOf } from "./specs";
import { createClient } from "./client";

const ID = "0d9c1f9e-5b7a-4c1e-9f00-3c2a1b0e9d11";

describe("client ↔ OpenAPI document", () => {
  it("every client method calls an operation the document describes", async () => {
    const doc = buildOpenApi(specsOf(ROUTE_MODULES)) as { paths: Record<string, Record<string, unknown>> };
    const seen: { method: string; path: string }[] = [];
    const client = createClient({
      baseUrl: "http://studio.test",
      apiKey: "k",
      fetch: (async (url: string | URL, init?: RequestInit) => {
        seen.push({ method: (init?.method ?? "GET").toUpperCase(), path: new URL(String(url)).pathname });
        return Response.json({ avatars: [], videos: [], nextCursor: null, total: 0, rows: [] });
      }) as typeof fetch,
    });
    await client.me();
    await client.presenters();
    await client.listVideos({ limit: 5 });
    await client.createVideo({ title: "t", script: "s", avatarProfileId: "sarah" }, "k1");
    await client.createVideoFromResearch({ researchJobId: ID, avatarProfileId: "sarah" }, "k2");
    await client.video(ID);
    await client.createBatch({ csv: "script,title,presenter\nx,y,sarah\n" }, "atomic", "k3");
    await client.createBatch({ rows: [] }, "per_row", "k4");
    await client.batch(ID);
    await client.listAll("/webhooks", "endpoints");
    // Every method of the client was exercised above (a new method must be added here).
    const methods = Object.keys(client).filter((k) => !["request", "download"].includes(k));
    expect(methods.sort()).toEqual(["batch", "createBatch", "createVideo", "createVideoFromResearch", "me", "presenters", "video", "listVideos", "listAll"].sort());

    const templates = Object.keys(doc.paths).map((p) => ({ p, re: new RegExp("^" + p.replace(/\{[^}]+\}/g, "[^/]+") + "$") }));
    const missing = seen.filter(({ method, path }) => !templates.some(({ p, re }) => re.test(path) && doc.paths[p][method.toLowerCase()]));
    expect(missing).toEqual([]);
    expect(seen.length).toBe(10);
  });
});
