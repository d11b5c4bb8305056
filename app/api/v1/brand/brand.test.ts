/**
 * GET/PUT /api/v1/brand through the real front door (API key → guarded handler → zod → lib).
 *
 * Mutations tried (each made the named case fail, then was undone):
 * - the route's body schema loosened (partial/passthrough union) and the service's
 *   `brandPutSchema.parse` bypassed → "bad colour" fails (the answer no longer tells the user
 *   how to write a colour).
 * - lib/brand/kit.ts: `assertOwnedMedia(...)` on the logo removed → "another workspace's logo"
 *   answers 200 and stores A's key in B's kit.
 * - db/queries/brand.ts findBrandKit: the workspaceId filter dropped (`where(undefined)`) →
 *   "B can't read A's kit" returns A's kit to B.
 */
import { describe, it, expect } from "vitest";
import { newWorkspace } from "@/lib/testing/fixtures";
import { call, keyFor } from "@/lib/http/test-helpers";
import { storeUpload } from "@/lib/uploads";
import { DEFAULT_BRAND_KIT, type BrandKit } from "@/lib/brand/types";
import { GET, PUT } from "./route";

// A 1×1 PNG: the upload flow sniffs the bytes, so the logo is a real image.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

const kit = (over: Partial<BrandKit> = {}): BrandKit => ({
  ...DEFAULT_BRAND_KIT,
  colours: { primary: "#ff5500", background: "#101010", text: "#fafafa" },
  intro: { title: "Acme Weekly", subtitle: "What moved this week" },
  outro: { title: "Follow @acme", subtitle: "" },
  watermark: { text: "@acme", opacity: 0.6 },
  ...over,
});

describe("/api/v1/brand", () => {
  it("a new workspace has no kit and AI B-roll off; PUT saves the kit with an owned logo and GET reads it back", async () => {
    const a = await newWorkspace();
    const key = await keyFor(a);
    const empty = await call(GET, "/brand", { key });
    expect(empty.status).toBe(200);
    expect(empty.json).toMatchObject({ kit: null, aiBroll: false });

    const up = await storeUpload(a.workspace.id, PNG, "image/png");
    const body = { ...kit({ logo: { key: up.key, position: "top-right", scale: 0.2 } }), aiBroll: true };
    const put = await call(PUT, "/brand", { key, body });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const got = await call(GET, "/brand", { key });
    expect(got.json.aiBroll).toBe(true);
    expect(got.json.kit).toEqual(kit({ logo: { key: up.key, position: "top-right", scale: 0.2 } }));
  });

  it("PUT with a bad colour → 400 saying how to write one", async () => {
    const a = await newWorkspace();
    const r = await call(PUT, "/brand", { key: await keyFor(a), body: kit({ colours: { primary: "orange", background: "#101010", text: "#fafafa" } }) });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toMatch(/six-digit hex colour such as #1f6feb/);
    expect(JSON.stringify(r.json)).toMatch(/colours/);
  });

  it("PUT with another workspace's logo key → 404, the same answer as a missing key", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const upA = await storeUpload(a.workspace.id, PNG, "image/png");
    const r = await call(PUT, "/brand", { key: await keyFor(b), body: kit({ logo: { key: upA.key, position: "top-left", scale: 0.15 } }) });
    expect(r.status).toBe(404);
    const missing = await call(PUT, "/brand", { key: await keyFor(b), body: kit({ logo: { key: `uploads/${b.workspace.id}/nope/image.png`, position: "top-left", scale: 0.15 } }) });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual(r.json);
    expect((await call(GET, "/brand", { key: await keyFor(b) })).json.kit).toBeNull();
  });

  it("B can't read A's kit", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    expect((await call(PUT, "/brand", { key: await keyFor(a), body: kit() })).status).toBe(200);
    const rb = await call(GET, "/brand", { key: await keyFor(b) });
    expect(rb.status).toBe(200);
    expect(rb.json.kit).toBeNull();
  });
});
