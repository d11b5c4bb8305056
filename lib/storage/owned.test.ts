/**
 * Issue 10, hole 2: a background key of another workspace is refused at create time and at
 * render time with exactly the error a missing key gets (no existence oracle).
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createVideo } from "@/lib/videos/create";
import { newWorkspace } from "@/lib/testing/fixtures";
import { storage } from "@/lib/storage";
import { isOwnedKey, MEDIA_NOT_FOUND, resolveOwnedKey } from "./owned";

const created: string[] = [];
afterAll(async () => {
  for (const k of created) await storage().delete(k);
});

async function putVideo(workspaceId: string): Promise<string> {
  const key = `videos/${workspaceId}/${randomUUID()}/video.mp4`;
  await storage().putBuffer(key, Buffer.from("not really an mp4 but stored"), "video/mp4");
  created.push(key);
  return key;
}

const asError = (e: unknown) => ({ code: (e as { code?: string }).code, status: (e as { status?: number }).status, message: (e as Error).message });

describe("storage keys are owned", () => {
  it("another workspace's video key fails at create time exactly like a missing key", async () => {
    // Mutation tried: dropping the assertOwnedMedia call in createVideo → B's create succeeds
    // with A's key (and a missing key fails later, differently).
    const a = await newWorkspace();
    const b = await newWorkspace();
    const aKey = await putVideo(a.workspace.id);
    const input = (key: string) => ({ title: "Steal", script: "Render their video behind me.", avatarProfileId: "sarah", background: { type: "video", key } });

    const foreign = await createVideo(b, input(aKey)).then(() => null, (e) => e);
    const missing = await createVideo(b, input(`videos/${b.workspace.id}/${randomUUID()}/video.mp4`)).then(() => null, (e) => e);
    const missingElsewhere = await createVideo(b, input(`videos/${a.workspace.id}/${randomUUID()}/video.mp4`)).then(() => null, (e) => e);
    expect(foreign).not.toBeNull();
    expect(asError(foreign)).toEqual({ code: "not_found", status: 404, message: MEDIA_NOT_FOUND });
    expect(asError(missing)).toEqual(asError(foreign));
    expect(asError(missingElsewhere)).toEqual(asError(foreign));

    // The owner can use it.
    const { video } = await createVideo(a, input(aKey));
    expect(video.background).toEqual({ type: "video", key: aKey });
  });

  it("render-time resolution refuses a foreign key with the missing-key error", async () => {
    // Mutation tried: resolveOwnedKey without assertOwnedMedia → B gets A's local file path.
    const a = await newWorkspace();
    const b = await newWorkspace();
    const aKey = await putVideo(a.workspace.id);
    const foreign = await resolveOwnedKey(b.workspace.id, aKey).catch((e) => e);
    const missing = await resolveOwnedKey(b.workspace.id, `videos/${b.workspace.id}/${randomUUID()}/video.mp4`).catch((e) => e);
    expect(asError(foreign)).toEqual({ code: "not_found", status: 404, message: MEDIA_NOT_FOUND });
    expect(asError(missing)).toEqual(asError(foreign));
    expect(await resolveOwnedKey(a.workspace.id, aKey)).toMatch(/video\.mp4$/);
  });

  it.each([
    ["videos/WS/x/video.mp4", true],
    ["uploads/WS/u1/bg.png", true],
    ["videos/WS/", false],
    ["videos/WS/../OTHER/x.mp4", false],
    ["videos/WSX/x.mp4", false],
    ["/videos/WS/x.mp4", false],
    ["videos/WS//x.mp4", false],
    ["avatars/WS/x.png", false],
    ["videos/WS/x.mp4\u0000", false],
  ])("isOwnedKey(%s) = %s", (key, ok) => {
    expect(isOwnedKey("WS", key)).toBe(ok);
  });
});
