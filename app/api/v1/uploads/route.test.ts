/**
 * The upload route: type from magic bytes (not the header), per-kind size limits, stored under
 * the caller's workspace prefix, and the returned key works as that workspace's background only.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthContext } from "@/lib/auth/context";
import { keyFor, BASE } from "@/lib/http/test-helpers";
import { newWorkspace } from "@/lib/testing/fixtures";
import { storage } from "@/lib/storage";
import { MEDIA_NOT_FOUND } from "@/lib/storage/owned";
import { createVideo } from "@/lib/videos/create";
import { sniff } from "@/lib/uploads";
import { POST } from "./route";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const MP4 = fs.readFileSync("e2e/fakes/sample.mp4");

let a: AuthContext;
let keyA: string;
const stored: string[] = [];

beforeAll(async () => {
  a = await newWorkspace();
  keyA = await keyFor(a);
}, 120_000);
afterAll(async () => {
  for (const k of stored) await storage().delete(k);
});

async function upload(body: BodyInit, headers: Record<string, string> = {}, key: string | null = keyA) {
  const h: Record<string, string> = { ...headers };
  if (key) h.authorization = `Bearer ${key}`;
  const res = await POST(new Request(`${BASE}/api/v1/uploads`, { method: "POST", headers: h, body }), { params: Promise.resolve({}) });
  const json = await res.json();
  if (json?.key) stored.push(json.key);
  return { status: res.status, json };
}

describe("POST /api/v1/uploads", () => {
  it("stores a raw PNG under the workspace prefix and returns a usable background", async () => {
    const r = await upload(new Uint8Array(PNG), { "content-type": "image/png" });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ kind: "image", contentType: "image/png", size: PNG.length });
    expect(r.json.key.startsWith(`uploads/${a.workspace.id}/`)).toBe(true);
    const { video } = await createVideo(a, { title: "With my upload", script: "Hello there.", avatarProfileId: "sarah", background: r.json.background });
    expect(video.background).toEqual({ type: "image", key: r.json.key });
    // Another workspace cannot use the key: same answer as a missing one.
    const b = await newWorkspace();
    const err = await createVideo(b, { title: "Steal", script: "Hello.", avatarProfileId: "sarah", background: r.json.background }).catch((e) => e);
    expect(err.message).toBe(MEDIA_NOT_FOUND);
  });

  it("accepts multipart (field `file`) and sniffs an MP4", async () => {
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(MP4)], { type: "video/mp4" }), "clip.mp4");
    const r = await upload(form);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ kind: "video", contentType: "video/mp4", background: { type: "video" } });
  });

  it("decides the type from the bytes: HTML labelled image/png is refused with 415", async () => {
    // Mutation tried: trusting the declared type when sniff() returns null → 201 for the HTML.
    const r = await upload("<html><script>alert(1)</script></html>", { "content-type": "image/png" });
    expect(r.status).toBe(415);
    expect(r.json.error.message).toMatch(/PNG, JPEG, WebP, MP4, MP3 or WAV/);
  });

  it("refuses a declared type that contradicts the contents", async () => {
    const r = await upload(new Uint8Array(PNG), { "content-type": "video/mp4" });
    expect(r.status).toBe(415);
  });

  it("limits size per kind: an 11 MB image is 413", async () => {
    // Mutation tried: comparing against MAX_UPLOAD_BYTES instead of type.maxBytes → 201.
    const big = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]);
    const r = await upload(new Uint8Array(big), { "content-type": "image/png" });
    expect(r.status).toBe(413);
    expect(r.json.error.message).toMatch(/10 MB/);
  });

  it.each([
    [[0xff, 0xd8, 0xff, 0xe0], "image/jpeg"],
    [[...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WEBPVP8 ")], "image/webp"],
    [[...Buffer.from("RIFF"), 0, 0, 0, 0, ...Buffer.from("WAVEfmt ")], "audio/wav"],
    [[...Buffer.from("ID3"), 4, 0, 0], "audio/mpeg"],
    [[0xff, 0xfb, 0x90, 0x64], "audio/mpeg"],
    [[...Buffer.from("GIF89a")], null],
    [[...Buffer.from("%PDF-1.7")], null],
  ])("sniffs %j as %s", (bytes, type) => {
    expect(sniff(Buffer.from(bytes as number[]))?.contentType ?? null).toBe(type);
  });
});
