/**
 * Carousel previews: a portrait and a 3–5 s clip per presenter, rendered by the local studio
 * on first request and cached in storage, so the carousel costs nothing after the first view.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { storage, scratchDir } from "@/lib/storage";
import { AppError } from "@/lib/errors";

const inflight = new Map<string, Promise<void>>();
// One preview render at a time: a carousel asking for eight at once must not starve the worker.
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn, fn);
  queue = run.catch(() => undefined);
  return run;
}
const keys = (slug: string) => ({ image: `avatars/${slug}/portrait.png`, clip: `avatars/${slug}/preview.mp4` });

export async function ensureAvatarPreview(slug: string): Promise<{ image: string; clip: string }> {
  if (!/^[a-z0-9-]{1,40}$/.test(slug)) throw new AppError("not_found", "Unknown presenter.");
  const k = keys(slug);
  const st = storage();
  if ((await st.stat(k.image)) && (await st.stat(k.clip))) return k;
  let p = inflight.get(slug);
  if (!p) {
    p = oneAtATime(async () => {
      if ((await st.stat(k.image)) && (await st.stat(k.clip))) return;
      const { renderAvatarPreview, PRESENTERS } = await import("@/lib/render");
      if (!(slug in PRESENTERS)) throw new AppError("not_found", "Unknown presenter.");
      const dir = path.join(scratchDir(), "previews", slug);
      await fs.mkdir(dir, { recursive: true });
      const r = await renderAvatarPreview(slug, dir);
      await st.putFile(k.image, r.imagePath, "image/png");
      await st.putFile(k.clip, r.videoPath, "video/mp4");
      await fs.rm(dir, { recursive: true, force: true });
    }).finally(() => inflight.delete(slug));
    inflight.set(slug, p);
  }
  await p;
  return k;
}

/** Renders every seeded presenter's preview in the background after start-up. */
export async function warmAvatarPreviews(slugs: string[]): Promise<void> {
  for (const s of slugs) await ensureAvatarPreview(s);
}
