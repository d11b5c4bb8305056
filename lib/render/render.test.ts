import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors";
import { ASPECT_RATIOS, type AspectRatio } from "@/lib/providers/types";
import { command, run } from "./ffmpeg";
import { poseRuns } from "./motion";
import { distinctPoses } from "./render";
import {
  FRAME_SIZES,
  MAX_SCRIPT_CHARS,
  PLATFORM_PRESETS,
  PRESENTERS,
  makeThumbnail,
  optimiseForPlatform,
  presenterSvg,
  probeMedia,
  renderAvatarPreview,
  renderPresenterVideo,
  resolveFfmpegPaths,
  validateRenderInput,
  type RenderProgress,
} from "./index";

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "render-test-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

const isJpeg = (file: string) => {
  const b = fs.readFileSync(file);
  return b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
};

async function expectAppError(p: Promise<unknown> | (() => unknown), code: string, message: RegExp) {
  let err: unknown;
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(isAppError(err), `expected AppError, got ${String(err)}`).toBe(true);
  expect((err as { code: string }).code).toBe(code);
  expect((err as Error).message).toMatch(message);
}

/** A tiny looping background video made with ffmpeg's test source. */
async function makeClip(file: string, seconds: number, size = "320x180") {
  const cmd = command()
    .input(`testsrc2=size=${size}:rate=30:duration=${seconds}`)
    .inputOptions(["-f", "lavfi"])
    .outputOptions(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
    .output(file);
  await run(cmd, { label: "make a test clip" });
}

describe("renderPresenterVideo", () => {
  const cases: { aspect: AspectRatio; style: "normal" | "closeup" | "circle"; slug: string }[] = [
    { aspect: "9:16", style: "normal", slug: "sarah" },
    { aspect: "16:9", style: "closeup", slug: "james" },
    { aspect: "1:1", style: "circle", slug: "sophia" },
  ];
  it.each(cases)("renders $aspect ($style, $slug) as H.264/AAC at the exact size", async ({ aspect, style, slug }) => {
    const outPath = path.join(dir, `r-${aspect.replace(":", "x")}.mp4`);
    const progress: RenderProgress[] = [];
    const res = await renderPresenterVideo({
      script: slug === "sophia" ? "Hola a todos. Este es un vídeo corto de prueba." : "Hello everyone. This is a short test video, made offline.",
      title: "Weekly update",
      avatarSlug: slug,
      style,
      aspectRatio: aspect,
      voiceSpeed: 1.1,
      captions: true,
      background: aspect === "16:9" ? { type: "color", value: "#0f766e" } : { type: "gradient", colors: ["#1e3a8a", "#7c3aed"] },
      outPath,
      onProgress: (p) => progress.push(p),
    });
    const info = await probeMedia(outPath);
    const size = FRAME_SIZES[aspect];
    expect(info.videoCodec).toBe("h264");
    expect(info.pixFmt).toBe("yuv420p");
    expect([info.width, info.height]).toEqual([size.width, size.height]);
    expect(info.fps).toBe(30);
    expect(info.audioCodec).toBe("aac");
    expect(res.speechDurationSec).toBeGreaterThan(2);
    expect(res.speechDurationSec).toBeLessThan(8);
    expect(Math.abs(info.durationSec - res.speechDurationSec)).toBeLessThan(0.3);
    expect(res.durationSec).toBeCloseTo(info.durationSec, 3);
    expect(res.sizeBytes).toBe(fs.statSync(outPath).size);
    expect(res.cues.length).toBeGreaterThan(0);
    expect(isJpeg(res.thumbnailPath)).toBe(true);
    // Progress: real stages, ends at 100, never goes backwards.
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(["speech", "frames", "encode", "finalize"]));
    expect(progress.at(-1)?.percent).toBe(100);
    for (let i = 1; i < progress.length; i++) expect(progress[i].percent).toBeGreaterThanOrEqual(progress[i - 1].percent);
    // No temp files left next to the output.
    expect(fs.readdirSync(dir).filter((f) => f.includes(".part"))).toEqual([]);
    // Stage timings for the bench: each measured, none longer than the whole.
    for (const k of ["tts", "raster", "encode", "total"] as const) expect(res.timings[k]).toBeGreaterThan(0);
    for (const k of ["tts", "raster", "loudness", "frames", "encode", "finalize"] as const) expect(res.timings[k]).toBeLessThanOrEqual(res.timings.total);
  });

  it("pre-composes every pose the idle motion can reach, whatever the length", () => {
    // Mutation tried: period = the bob's 120 frames only (sway ignored) → offsets missing, fails.
    const known = new Set(distinctPoses().map((p) => `${p.dx},${p.dy}`));
    for (const r of poseRuns(30 * 600)) expect(known.has(`${r.dx},${r.dy}`)).toBe(true);
  });

  it("renders captions and titles full of ffmpeg / XML metacharacters literally", async () => {
    const nasty = `it's "quoted": 100%, a\\b; [x] {y} %{pts} ' , = emoji 🎬 and 日本語 عربى <b>&amp;</b> $(rm -rf /) \`x\``;
    const outPath = path.join(dir, "nasty.mp4");
    const res = await renderPresenterVideo({
      script: nasty,
      title: `%{pts}: "title" \\ [0:v] 'quote'`,
      avatarSlug: "mike",
      aspectRatio: "9:16",
      captions: true,
      background: { type: "color", value: "#222" },
      outPath,
    });
    const info = await probeMedia(outPath);
    expect(info.videoCodec).toBe("h264");
    expect(res.cues.map((c) => c.text).join(" ")).toContain(`%{pts}`);
    expect(res.cues.map((c) => c.text).join(" ")).toContain(`a\\b;`);
  });

  it("composites over an image and over a looping video background", async () => {
    const png = path.join(dir, "bg.png");
    await run(
      command().input("color=c=0x336699:size=640x480:duration=1").inputOptions(["-f", "lavfi"]).outputOptions(["-frames:v", "1"]).output(png),
      { label: "make a test image" },
    );
    const clip = path.join(dir, "bg.mp4");
    await makeClip(clip, 1);
    for (const bg of [{ type: "image", path: png } as const, { type: "video", path: clip } as const]) {
      const outPath = path.join(dir, `bg-${bg.type}.mp4`);
      const res = await renderPresenterVideo({
        script: "Short clip with a custom background.",
        avatarSlug: "emma",
        aspectRatio: "1:1",
        background: bg,
        outPath,
      });
      const info = await probeMedia(outPath);
      expect([info.width, info.height]).toEqual([1080, 1080]);
      expect(Math.abs(info.durationSec - res.speechDurationSec)).toBeLessThan(0.3);
    }
  });

  it("leaves no output behind when ffmpeg fails, and reports ffmpeg's own error", async () => {
    const bogus = path.join(dir, "not-an-image.png");
    fs.writeFileSync(bogus, "this is not an image");
    const outPath = path.join(dir, "never.mp4");
    let err: unknown;
    try {
      await renderPresenterVideo({ script: "Hello.", avatarSlug: "sarah", aspectRatio: "9:16", background: { type: "image", path: bogus }, outPath });
    } catch (e) {
      err = e;
    }
    expect(isAppError(err)).toBe(true);
    expect((err as Error).message).toMatch(/ffmpeg could not read the background image: .*(Invalid data|invalid|error)/i);
    expect(fs.existsSync(outPath)).toBe(false);
  });

  it("rejects bad input before doing any work", async () => {
    const base = { avatarSlug: "sarah", aspectRatio: "9:16" as const, outPath: path.join(dir, "bad.mp4") };
    await expectAppError(() => validateRenderInput({ ...base, script: "   \n " }), "bad_request", /Script is empty/);
    await expectAppError(() => validateRenderInput({ ...base, script: "a".repeat(MAX_SCRIPT_CHARS + 1) }), "bad_request", /limit is 5000/);
    await expectAppError(() => validateRenderInput({ ...base, script: "Hi.", avatarSlug: "zorro" }), "bad_request", /Unknown avatar "zorro"/);
    await expectAppError(() => validateRenderInput({ ...base, script: "Hi.", aspectRatio: "4:3" as AspectRatio }), "bad_request", /Unsupported aspect ratio "4:3"/);
    await expectAppError(() => validateRenderInput({ ...base, script: "Hi.", voiceSpeed: 2.5 }), "bad_request", /between 0.5 and 2/);
    await expectAppError(() => validateRenderInput({ ...base, script: "Hi.", voiceSpeed: 0.2 }), "bad_request", /between 0.5 and 2/);
    await expectAppError(
      () => validateRenderInput({ ...base, script: "Hi.", background: { type: "color", value: "red\"/><script>" } }),
      "bad_request",
      /hex colour/,
    );
    await expectAppError(renderPresenterVideo({ ...base, script: "" }), "bad_request", /Script is empty/);
    expect(fs.existsSync(base.outPath)).toBe(false);
  });
});

describe("presenters", () => {
  it("has ten distinct seeded presenters with language, voice and description", () => {
    const slugs = Object.keys(PRESENTERS);
    expect(slugs.sort()).toEqual(["alexander", "david", "emma", "james", "lisa", "mike", "nadia", "sarah", "sophia", "theo"]);
    const svgs = new Set(slugs.map((s) => presenterSvg(s)));
    expect(svgs.size).toBe(10);
    const langs = new Set(Object.values(PRESENTERS).map((p) => p.language));
    expect(langs.has("en-US") && langs.has("es-ES")).toBe(true);
    const genders = new Set(Object.values(PRESENTERS).map((p) => p.gender));
    expect(genders).toEqual(new Set(["female", "male"]));
    for (const p of Object.values(PRESENTERS)) expect(p.description.length).toBeGreaterThan(10);
    // Mouth states differ.
    expect(presenterSvg("sarah", 0)).not.toBe(presenterSvg("sarah", 2));
  });
});

describe("optimiseForPlatform", () => {
  it("reframes 16:9 to 9:16 for TikTok within the preset's limits", async () => {
    const src = path.join(dir, "wide.mp4");
    await makeClip(src, 4, "1920x1080");
    const out = path.join(dir, "wide-tiktok.mp4");
    const res = await optimiseForPlatform(src, "tiktok", out);
    const info = await probeMedia(out);
    expect([info.width, info.height]).toEqual([1080, 1920]);
    expect(info.videoCodec).toBe("h264");
    expect(info.pixFmt).toBe("yuv420p");
    expect(info.sizeBytes).toBeLessThan(PLATFORM_PRESETS.tiktok.maxSizeBytes);
    expect(res.preset).toBe("tiktok");
    const sq = await optimiseForPlatform(src, "instagram_feed_portrait", path.join(dir, "wide-45.mp4"));
    expect([sq.width, sq.height]).toEqual([1080, 1350]);
  });

  it("refuses a video that is too long, with a message that says what to do", async () => {
    const src = path.join(dir, "long.mp4");
    await run(
      command()
        .input("color=c=black:size=64x36:rate=5:duration=120")
        .inputOptions(["-f", "lavfi"])
        .outputOptions(["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
        .output(src),
      { label: "make a long clip" },
    );
    const out = path.join(dir, "long-reels.mp4");
    await expectAppError(
      optimiseForPlatform(src, "instagram_reels", out),
      "bad_request",
      /^Video is 120 s; Instagram Reels allows at most 90 s\. Shorten the script\.$/,
    );
    expect(fs.existsSync(out)).toBe(false);
    await expectAppError(optimiseForPlatform(src, "myspace", out), "bad_request", /Unknown platform preset/);
  });
});

describe("previews, thumbnails, binaries", () => {
  it("renders an avatar preview image and a 3–5 s greeting clip", async () => {
    const res = await renderAvatarPreview("emma", path.join(dir, "previews"));
    expect(fs.readFileSync(res.imagePath).subarray(1, 4).toString()).toBe("PNG");
    const info = await probeMedia(res.videoPath);
    expect(info.durationSec).toBeGreaterThanOrEqual(2.9);
    expect(info.durationSec).toBeLessThanOrEqual(5.2);
    expect(info.audioCodec).toBe("aac");
    expect(isJpeg(res.thumbnailPath)).toBe(true);
  });

  it("makes JPEG thumbnails at a given time", async () => {
    const src = path.join(dir, "thumb-src.mp4");
    await makeClip(src, 2);
    const out = await makeThumbnail(src, path.join(dir, "t.jpg"), 1);
    expect(isJpeg(out)).toBe(true);
  });

  it("resolves ffmpeg from FFMPEG_PATH, PATH or the npm package", () => {
    const p = resolveFfmpegPaths({ fresh: true });
    expect(fs.existsSync(p.ffmpegPath)).toBe(true);
    expect(fs.existsSync(p.ffprobePath)).toBe(true);
    const prev = { path: process.env.PATH, ff: process.env.FFMPEG_PATH };
    try {
      process.env.PATH = "/nonexistent";
      delete process.env.FFMPEG_PATH;
      const npm = resolveFfmpegPaths({ fresh: true });
      expect(npm.source.ffmpeg).toBe("npm");
      process.env.FFMPEG_PATH = "/opt/custom/ffmpeg";
      expect(resolveFfmpegPaths({ fresh: true }).ffmpegPath).toBe("/opt/custom/ffmpeg");
    } finally {
      process.env.PATH = prev.path;
      if (prev.ff === undefined) delete process.env.FFMPEG_PATH;
      else process.env.FFMPEG_PATH = prev.ff;
      resolveFfmpegPaths({ fresh: true });
    }
  });

  it("lists every aspect ratio of the contract", () => {
    for (const a of ASPECT_RATIOS) expect(FRAME_SIZES[a]).toBeDefined();
  });
});
