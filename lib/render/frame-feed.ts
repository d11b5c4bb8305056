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
 * strip when the caption changed, plus the presenter's region when the pose did.
 */
import type { Writable } from "node:stream";
import { blendYuva, copyRect, pasteYuv, pasteYuvClipped, type FrameBuffer, type Yuv420, type Yuva420 } from "./yuv";

export interface PlacedYuva {
  img: Yuva420;
  /** Position inside the caption rect (even). */
  x: number;
  y: number;
}

export interface FramePlan {
  frames: number;
  /** The frame without caption or face, presenter at rest. */
  base: FrameBuffer;
  /** The presenter's region (even rect): one image of it per distinct pose; `poseOf[f]` picks frame f's. */
  poseRect: { x: number; y: number; w: number; h: number };
  poses: Yuv420[];
  poseOf: ArrayLike<number>;
  /** The caption area (even rect); `captionOf[f]` is an index into `captions`, or -1 for none. */
  captionRect: { x: number; y: number; w: number; h: number };
  captions: PlacedYuva[];
  captionOf: ArrayLike<number>;
  /** Frame f's face patch and where it goes (even position, inside poseRect), drawn last. */
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
  const C = plan.captionRect;
  const P = plan.poseRect;
  // The caption area back to what lies under it: the frame, and the presenter where it reaches in.
  const clearCaption = () => {
    copyRect(slot.frame, plan.base, C.x, C.y, C.w, C.h);
    pasteYuvClipped(slot.frame, plan.poses[pose], P.x, P.y, C);
    slot.caption = -1;
  };
  if (slot.pose !== pose) {
    // The region covers the previous pose and face; outside it only a caption can differ.
    if (slot.caption !== -1) copyRect(slot.frame, plan.base, C.x, C.y, C.w, C.h);
    pasteYuv(slot.frame, plan.poses[pose], P.x, P.y);
    slot.pose = pose;
    slot.caption = -1;
  }
  if (slot.caption !== caption) {
    if (slot.caption !== -1) clearCaption();
    if (caption !== -1) {
      const c = plan.captions[caption];
      blendYuva(slot.frame, c.img, C.x + c.x, C.y + c.y);
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
  // Each slot starts as the base frame; pose -1 matches none, so its first frame paints one.
  const slots: Slot[] = Array.from({ length: RING }, () => ({
    frame: { width: plan.base.width, height: plan.base.height, buf: Buffer.from(plan.base.buf) },
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
