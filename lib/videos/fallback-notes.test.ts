/**
 * The video page's "What changed and why" (issue 14): B-roll fallbacks and provider failovers
 * worded for people, and carried by GET /videos/{id}'s DTO (lib/videos/library.ts getVideo).
 *
 * Mutations tried (each made the named case fail, then was undone):
 * - fallback-notes.ts: the scene-order sort removed → "words scene fallbacks" gets Scene 3 first.
 * - fallback-notes.ts: `if (!next || …) return` → `if (!FELL_OVER.has(a.outcome)) return` (a last,
 *   failed attempt counted as a failover) → "failover" gets a third note.
 * - library.ts getVideo: `fallbacks:` line removed → "getVideo carries" fails (undefined).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { upsertComposeSettings } from "@/db/queries/brand";
import { prepareBroll } from "@/lib/compose/broll";
import { defaultBrollDeps } from "@/lib/compose/broll/child";
import type { Storyboard } from "@/lib/compose/types";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { fallbackNotes } from "./fallback-notes";
import { getVideo } from "./library";
import { storyboardFromScript } from "./storyboard";

describe("fallbackNotes", () => {
  it("words scene fallbacks by their place in the storyboard, in scene order", () => {
    const scenes = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const notes = fallbackNotes(
      scenes,
      [
        { sceneId: "c", status: "fallback", reason: "AI B-roll is off for this workspace (Settings → Brand → AI B-roll); the scene shows the presenter." },
        { sceneId: "b", status: "ready", reason: null },
        { sceneId: "a", status: "fallback", reason: null },
      ],
      [],
    );
    expect(notes.map((n) => n.text)).toEqual([
      "Scene 1: The AI B-roll clip could not be made; the scene shows the presenter.",
      "Scene 3: AI B-roll is off for this workspace (Settings → Brand → AI B-roll); the scene shows the presenter.",
    ]);
    expect(notes.every((n) => n.kind === "broll")).toBe(true);
  });

  it("words a failover per provider that did not succeed and was followed by another attempt", () => {
    const notes = fallbackNotes(null, [], [
      { attemptNumber: 2, provider: "kling", outcome: "timeout", error: null },
      { attemptNumber: 1, provider: "heygen", outcome: "failed", error: "HeyGen answered 429: too many requests." },
      { attemptNumber: 3, provider: "local", outcome: "failed", error: "Out of disk." },
    ]);
    expect(notes).toEqual([
      { kind: "failover", sceneId: null, text: "HeyGen failed: HeyGen answered 429: too many requests — switched to Kling." },
      { kind: "failover", sceneId: null, text: "Kling timed out — switched to Local studio." },
    ]);
    expect(fallbackNotes(null, [], [{ attemptNumber: 1, provider: "local", outcome: "succeeded", error: null }])).toEqual([]);
  });
});

describe("getVideo", () => {
  it("carries the B-roll fallback the pipeline stored, as 'Scene N: …'", { timeout: 120_000 }, async () => {
    const ctx = await newWorkspace();
    await upsertComposeSettings(getDb(), ctx.workspace.id, { aiBroll: false });
    const base = storyboardFromScript("Hello there.\n\nServers hum at night.\n\nThat is all.", ["9:16"]);
    const board: Storyboard = { ...base, scenes: base.scenes.map((s, i) => (i === 1 ? { ...s, visual: { type: "broll", prompt: "Servers in a dark room" } } : s)) };
    const { video } = await createVideo(ctx, { title: "Fallback note", avatarProfileId: "sarah", providerPreference: "only:local", storyboard: board });
    // The real B-roll step with AI B-roll off: it stores the fallback and its reason.
    expect(await prepareBroll(video, defaultBrollDeps)).toMatchObject({ status: "ready", made: 0 });
    const dto = await getVideo(ctx, video.id);
    expect(dto.fallbacks).toEqual([{ kind: "broll", sceneId: board.scenes[1].id, text: expect.stringMatching(/^Scene 2: AI B-roll is off for this workspace .*the scene shows the presenter\.$/) }]);
  });
});
