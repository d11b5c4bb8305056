/**
 * Carousel previews: a portrait image and a 3–5 s clip of the presenter greeting in their voice.
 */
import fs from "node:fs";
import path from "node:path";
import { atomicWrite } from "./ffmpeg";
import { getPresenter, presenterSvg } from "./presenters";
import { svgToPng } from "./raster";
import { renderPresenterVideo } from "./render";

export interface AvatarPreview {
  slug: string;
  imagePath: string;
  videoPath: string;
  thumbnailPath: string;
  durationSec: number;
}

/** Square PNG portrait (transparent-free, on the presenter's accent colour). */
export function presenterPortraitPng(slug: string, size = 512): Buffer {
  const p = getPresenter(slug);
  const inner = presenterSvg(slug, 2, "open").replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 280 280">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="#${p.look.accent}"/></linearGradient></defs>` +
    `<rect width="280" height="280" fill="url(#g)"/><g transform="translate(-4 6)">${inner}</g></svg>`;
  return svgToPng(svg);
}

/** Writes `<slug>.png`, `<slug>.mp4` and `<slug>.jpg` into outDir. */
export async function renderAvatarPreview(
  slug: string,
  outDir: string,
  opts: { signal?: AbortSignal } = {},
): Promise<AvatarPreview> {
  const p = getPresenter(slug);
  await fs.promises.mkdir(outDir, { recursive: true });
  const imagePath = path.join(outDir, `${p.slug}.png`);
  await atomicWrite(imagePath, (tmp) => fs.promises.writeFile(tmp, presenterPortraitPng(p.slug)));
  const res = await renderPresenterVideo({
    script: p.greeting,
    avatarSlug: p.slug,
    style: "circle",
    aspectRatio: "1:1",
    voiceSpeed: 1,
    captions: true,
    background: { type: "gradient", colors: ["#0f172a", "#334155"] },
    outPath: path.join(outDir, `${p.slug}.mp4`),
    thumbnailPath: path.join(outDir, `${p.slug}.jpg`),
    minDurationSec: 3,
    signal: opts.signal,
  });
  return { slug: p.slug, imagePath, videoPath: res.path, thumbnailPath: res.thumbnailPath, durationSec: res.durationSec };
}
