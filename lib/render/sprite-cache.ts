/**
 * Presenter sprites (the presenter at rest, its card ring, each head tilt, every mouth × eyes
 * face state) depend only on the presenter, the layout and the style — not on the script. A
 * worker renders the same few presenters over and over (campaigns, trend scans, batches), so
 * their rasters are kept here, keyed by the exact SVG text, and reused: a warm render does
 * not rasterise its presenter again (issue 13's speed bar; about 3 CPU-s per 1080×1920
 * render on 2 cores).
 *
 * Keyed by the SVG text itself (hashed), so any change to the art, the layout, the colours or
 * the renderer's options is a different key: a stale sprite cannot be served. Bounded by
 * bytes, least recently used first out. Cached images are shared: callers must treat them as
 * read-only (render.ts only reads them: it blends them onto its own copies).
 */
import { createHash } from "node:crypto";
import { svgToRgbaAsync, type Rgba } from "./raster";
import type { Yuv420 } from "./yuv";

/** What the cache holds: rasters, and their YUV forms for the raw frame feed. */
type Cached = Rgba | Yuv420;

const bytesOf = (img: Cached) => ("data" in img ? img.data.byteLength : img.y.byteLength + img.u.byteLength + img.v.byteLength);

/** ~40 sprites per presenter × aspect at 9:16; this holds several presenters in every aspect. */
const DEFAULT_MAX_BYTES = 320 * 1024 * 1024;

export class SpriteCache {
  private readonly entries = new Map<string, Promise<Cached>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxBytes = DEFAULT_MAX_BYTES,
    private readonly rasterise: (svg: string) => Promise<Rgba> = (svg) => svgToRgbaAsync(svg),
  ) {}

  /** The raster of `svg`: from the cache, or drawn once (concurrent asks share one draw). */
  get(svg: string): Promise<Rgba> {
    return this.remember(`svg:${spriteKey(svg)}`, () => this.rasterise(svg));
  }

  /**
   * An image made from cached sprites (a composed pose, a tilted face patch): `key` must name
   * every input `make` reads (render.ts builds it from the sprites' SVG keys and a hash of the
   * background pixels underneath).
   */
  remember<T extends Cached>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.hits++;
      // Most recently used last (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);
      // Keys say what they hold ("svg:", "pose:", "yuv:…"): a key always holds one kind.
      return hit as Promise<T>;
    }
    this.misses++;
    const p = make();
    this.entries.set(key, p);
    p.then(
      (img) => {
        if (this.entries.get(key) !== p) return;
        this.sizes.set(key, bytesOf(img));
        this.bytes += bytesOf(img);
        this.evict();
      },
      // A failed draw is not remembered: the next ask tries again.
      () => {
        if (this.entries.get(key) === p) this.entries.delete(key);
      },
    );
    return p;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  private evict(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      const size = this.sizes.get(key);
      // Still drawing: its size is not known yet, and someone is waiting for it.
      if (size === undefined) continue;
      this.entries.delete(key);
      this.sizes.delete(key);
      this.bytes -= size;
    }
  }

  clear(): void {
    this.entries.clear();
    this.sizes.clear();
    this.bytes = 0;
  }
}

/** A short, collision-safe name for `data` (an SVG text or pixels). */
export function spriteKey(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("base64url");
}

/** The process's presenter sprites. STUDIO_SPRITE_CACHE_MB=0 turns the cache off. */
const mb = Number(process.env.STUDIO_SPRITE_CACHE_MB);
export const presenterSprites = new SpriteCache(Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : DEFAULT_MAX_BYTES);
