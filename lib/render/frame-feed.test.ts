/**
 * The raw frame feed (frame-feed.ts) repaints only what changed in each of its reused buffers.
 * Every frame it writes must equal the frame composed from nothing (base → pose region →
 * caption → face), whatever the order of pose and caption changes, and however slowly the
 * pipe drains.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runFfmpeg } from "./ffmpeg";
import { writeFrames, type FramePlan } from "./frame-feed";
import type { Rgba } from "./raster";
import { blendYuva, frameOf, pasteYuv, rgbaToYuv420, rgbaToYuva420, type FrameBuffer, type Yuv420 } from "./yuv";

const W = 64, H = 64;

/** A deterministic pseudo-random source (no flaky seeds). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function noise(w: number, h: number, rand: () => number, alpha?: () => number): Rgba {
  const data = new Uint8Array(w * h * 4);
  for (let i = 0; i < data.length; i += 4) {
    const a = alpha ? alpha() : 255;
    // Premultiplied, as resvg gives it.
    for (let c = 0; c < 3; c++) data[i + c] = Math.floor(rand() * (a + 1));
    data[i + 3] = a;
  }
  return { width: w, height: h, data };
}

/**
 * The presenter region (8,8)-(56,40) overlaps the caption rect (0,36)-(64,52) at the bottom,
 * as the body does under the captions in 9:16; the face (16,12) 16×16 moves down 2 px with
 * pose 1.
 */
function plan(frames: number, seed: number): FramePlan {
  const rand = rng(seed);
  const base = frameOf(rgbaToYuv420(noise(W, H, rand)));
  const poses = [0, 1, 2].map(() => rgbaToYuv420(noise(48, 32, rand)));
  const faces = [0, 1, 2, 3].map(() => rgbaToYuv420(noise(16, 16, rand)));
  const captions = [0, 1, 2].map(() => ({ img: rgbaToYuva420(noise(40, 12, rand, () => [0, 0, 128, 255][Math.floor(rand() * 4)])), x: 2 * Math.floor(rand() * 12), y: 2 * Math.floor(rand() * 2) }));
  const poseOf = Array.from({ length: frames }, () => Math.floor(rand() * 3));
  const captionOf = Array.from({ length: frames }, () => Math.floor(rand() * 4) - 1);
  const faceOf = Array.from({ length: frames }, () => Math.floor(rand() * 4));
  return {
    frames,
    base,
    poseRect: { x: 8, y: 8, w: 48, h: 32 },
    poses,
    poseOf,
    captionRect: { x: 0, y: 36, w: 64, h: 16 },
    captions,
    captionOf,
    faceOf: (f) => ({ img: faces[faceOf[f]], x: 16, y: 12 + (poseOf[f] === 1 ? 2 : 0) }),
  };
}

/** Frame f composed from nothing. */
function reference(p: FramePlan, f: number): Buffer {
  const frame: FrameBuffer = { width: W, height: H, buf: Buffer.from(p.base.buf) };
  pasteYuv(frame, p.poses[p.poseOf[f]] as Yuv420, p.poseRect.x, p.poseRect.y);
  const c = p.captionOf[f];
  if (c !== -1) blendYuva(frame, p.captions[c].img, p.captionRect.x + p.captions[c].x, p.captionRect.y + p.captions[c].y);
  const face = p.faceOf(f);
  pasteYuv(frame, face.img, face.x, face.y);
  return frame.buf;
}

/** A pipe that takes each chunk only after the event loop has turned, like a busy ffmpeg. */
function slowSink(): { sink: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _enc, done) {
      setImmediate(() => {
        chunks.push(Buffer.from(chunk));
        done();
      });
    },
  });
  return { sink, chunks };
}

describe("writeFrames", () => {
  // Mutations tried (each fails this test):
  // - a caption change not restoring the area under the old caption (clearCaption skipped);
  // - a pose change not clearing the caption outside the presenter's region;
  // - reusing a buffer without waiting for the pipe (`await slot.free` removed): the slow
  //   sink copies the buffer after it was repainted for a later frame.
  it("writes every frame exactly as composed from nothing, through a slow pipe", async () => {
    for (const seed of [1, 2, 3]) {
      const p = plan(120, seed);
      const { sink, chunks } = slowSink();
      await writeFrames(p, sink);
      expect(chunks.length).toBe(p.frames);
      for (let f = 0; f < p.frames; f++) {
        if (!chunks[f].equals(reference(p, f))) expect.fail(`seed ${seed}: frame ${f} differs from the frame composed from nothing`);
      }
    }
  });

  it("stops with the pipe's error when the reader goes away", async () => {
    const sink = new Writable({
      write(_chunk, _enc, done) {
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    sink.on("error", () => undefined);
    await expect(writeFrames(plan(50, 4), sink)).rejects.toThrow(/EPIPE/);
  });
});

describe("runFfmpeg with a feed", () => {
  const args = (out: string) => ["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${W}x${H}`, "-framerate", "30", "-i", "pipe:0", "-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4", out];

  it("encodes what the feed writes", async () => {
    const p = plan(30, 5);
    const out = `/tmp/frame-feed-test-${process.pid}.mp4`;
    await runFfmpeg(args(out), { label: "encode the test frames", feed: (stdin) => writeFrames(p, stdin) });
    const fs = await import("node:fs");
    expect(fs.statSync(out).size).toBeGreaterThan(0);
    fs.rmSync(out, { force: true });
  });

  // Mutation tried: runFfmpeg ignoring the feed's rejection → the run hangs on ffmpeg waiting
  // for more input, and the test times out.
  it("reports the feed's own failure and stops ffmpeg", async () => {
    const out = `/tmp/frame-feed-test-${process.pid}-b.mp4`;
    await expect(
      runFfmpeg(args(out), {
        label: "encode the test frames",
        feed: async () => {
          throw new Error("caption missing from the plan");
        },
      }),
    ).rejects.toThrow(/caption missing/);
  });

  it("reports ffmpeg's error when ffmpeg stops reading", async () => {
    await expect(
      runFfmpeg(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${W}x${H}`, "-i", "pipe:0", "-c:v", "no-such-codec", "-f", "mp4", "/tmp/never.mp4"], {
        label: "encode the test frames",
        feed: (stdin) => writeFrames(plan(300, 6), stdin),
      }),
    ).rejects.toThrow(/ffmpeg could not encode the test frames: .*no-such-codec/i);
  });
});
