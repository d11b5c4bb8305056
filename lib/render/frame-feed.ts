/**
 * The studio's raw frame feed: every video frame composed here, in YUV 4:2:0, and written to
 * ffmpeg's stdin as rawvideo, so ffmpeg only encodes.
 *
 * Why (issue 13, measured 2026-12-01 on the bench's 30.8 s 1080×1920 render, /tmp work dir
 * replayed with `ffmpeg -benchmark`): x264 alone took 2.9 s on our frames read from a file,
 * the same as on a still (2.6 s); ffmpeg's per-frame work in front of it (decoding the pose,
 * face and caption images, converting them to YUV, two overlays that each copy the frame)
 * took 2.3 s more on the same thread that feeds x264, and the encode 6.3 s in all.
 *
 * Here a frame costs the pixels that change: a small ring of frame buffers each remembers
 * which pose and caption it holds, so a frame repaints only its face patch, plus the caption
 * strip when the caption changed, plus the whole frame when the pose did.
 */
import type { Writable } from "node:stream";
import { blendYuva, copyRect, frameBytes, pasteYuv, type FrameBuffer, type Yuv420, type Yuva420 } from "./yuv";

export interface PlacedYuva {
  img: Yuva420;
  /** Position inside the caption rect (even). */
  x: number;
  y: number;
}

export interface FramePlan {
  frames: number;
  /** Whole frames, one per distinct pose; `poseOf[f]` picks frame f's. */
  poses: FrameBuffer[];
  poseOf: ArrayLike<number>;
  /** The caption area (even rect); `captionOf[f]` is an index into `captions`, or -1 for none. */
  captionRect: { x: number; y: number; w: number; h: number };
  captions: PlacedYuva[];
  captionOf: ArrayLike<number>;
  /** Frame f's face patch and where it goes (even position), drawn last. */
  faceOf(f: number): { img: Yuv420; x: number; y: number };
}

/** Buffers in flight: one being written to the pipe, one queued, one being composed. */
const RING = 3;

interface Slot {
  frame: FrameBuffer;
  pose: number;
  caption: number;
  /** Settles when the pipe no longer needs this buffer. */
  free: Promise<void>;
}

/** Composes frame f into `slot` from what it held (frame f − RING). */
export function composeFrame(plan: FramePlan, slot: { frame: FrameBuffer; pose: number; caption: number }, f: number): void {
  const pose = plan.poseOf[f];
  const caption = plan.captionOf[f];
  const R = plan.captionRect;
  if (slot.pose !== pose) {
    slot.frame.buf.set(plan.poses[pose].buf);
    slot.pose = pose;
    slot.caption = -1;
  }
  if (slot.caption !== caption) {
    // Back to the pose's own pixels under the caption, then the new caption over them.
    if (slot.caption !== -1) copyRect(slot.frame, plan.poses[pose], R.x, R.y, R.w, R.h);
    if (caption !== -1) {
      const c = plan.captions[caption];
      blendYuva(slot.frame, c.img, R.x + c.x, R.y + c.y);
    }
    slot.caption = caption;
  }
  const face = plan.faceOf(f);
  pasteYuv(slot.frame, face.img, face.x, face.y);
}

/**
 * Writes the plan's frames to `out` (ffmpeg's stdin), waiting for the pipe before reusing a
 * buffer. Rejects with the pipe's error if ffmpeg stops reading (its own exit says why).
 */
export async function writeFrames(plan: FramePlan, out: Writable, signal?: AbortSignal): Promise<void> {
  const first = plan.poses[plan.poseOf[0] ?? 0];
  // Each slot is filled from a pose frame before its first write (pose -1 matches none).
  const slots: Slot[] = Array.from({ length: RING }, () => ({
    frame: { width: first.width, height: first.height, buf: Buffer.allocUnsafe(frameBytes(first.width, first.height)) },
    pose: -1,
    caption: -1,
    free: Promise.resolve(),
  }));
  for (let f = 0; f < plan.frames; f++) {
    if (signal?.aborted) throw new Error("frame feed cancelled");
    const slot = slots[f % RING];
    await slot.free;
    composeFrame(plan, slot, f);
    slot.free = new Promise<void>((resolve, reject) => {
      out.write(slot.frame.buf, (err) => (err ? reject(err) : resolve()));
    });
    // A failed write shows up where the slot is awaited next (or below); never unhandled.
    slot.free.catch(() => undefined);
  }
  await Promise.all(slots.map((s) => s.free));
}
