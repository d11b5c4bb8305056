/**
 * The pipeline's compose stage (issue 14): a video whose row carries a storyboard is composed
 * from the presenter file (local studio or any provider) into one mp4 per aspect, stored at
 * fixed keys videos/<ws>/<id>/composed-<aspect>.mp4. The first aspect is the main file.
 *
 * Idempotent per output key: an aspect already stored by an earlier run of this job is not
 * composed again (its file is fetched back when it is the main file), and shots already made
 * in the work dir are reused, so a killed compose resumes.
 */
import path from "node:path";
import { PLATFORM_PRESETS, type PlatformPresetId } from "@/lib/render/platform";
import { storage } from "@/lib/storage";
import { resolveOwnedKey } from "@/lib/storage/owned";
import { storyboardSchema, type ComposeAspect, type Storyboard } from "./types";
import { composeShort } from "./compose";
import { readStudioWords } from "./timing";
import { getDb } from "@/db/client";
import { templateUsesBrand } from "@/db/queries/brand";
import { loadBrandKit, resolveBrandKit } from "@/lib/brand/kit";
import type { ResolvedBrandKit } from "@/lib/brand/types";

export interface ComposedForVideo {
  /** Local path of the main (first aspect) file. */
  mainPath: string;
  /** Aspect → local file (for platform renditions of that aspect). */
  files: Partial<Record<ComposeAspect, string>>;
  /** Rendition map entries: aspect ("9:16") → stored key. */
  renditions: Record<string, string>;
}

export const composedKey = (base: string, aspect: ComposeAspect) => `${base}/composed-${aspect.replace(":", "x")}.mp4`;

/**
 * The brand kit this video renders with: the workspace's kit when it has one and the video's
 * template carries it (useBrand, default true), its logo resolved through the ownership check.
 */
export async function brandForVideo(v: { workspaceId: string; templateId?: string | null }): Promise<ResolvedBrandKit | null> {
  const stored = await loadBrandKit(v.workspaceId);
  if (!stored) return null;
  if (!(await templateUsesBrand(getDb(), v.workspaceId, v.templateId ?? null))) return null;
  return resolveBrandKit(v.workspaceId, stored.kit);
}

export async function composeForVideo(
  v: { id: string; workspaceId: string; storyboard: Storyboard | null; templateId?: string | null; captions?: boolean },
  presenterPath: string,
  workDir: string,
  opts: { baseKey: string; signal?: AbortSignal; onProgress?: (percent: number) => void },
): Promise<ComposedForVideo | null> {
  if (!v.storyboard) return null;
  // Stored rows were validated on the way in; parse again so an old or hand-edited row fails
  // with a readable message instead of a filter-graph error.
  const parsed = storyboardSchema.safeParse(v.storyboard);
  if (!parsed.success) throw new Error(`The video's storyboard is not valid (${parsed.error.issues[0]?.message ?? "unknown"}); edit the storyboard and generate again.`);
  const board = parsed.data;
  const st = storage();
  const files: ComposedForVideo["files"] = {};
  const renditions: Record<string, string> = {};
  const todo: ComposeAspect[] = [];
  for (const aspect of board.aspects) {
    const key = composedKey(opts.baseKey, aspect);
    if (await st.stat(key).catch(() => null)) {
      renditions[aspect] = key;
      if (aspect === board.aspects[0]) files[aspect] = await st.toLocalFile(key);
    } else todo.push(aspect);
  }
  const outDir = path.join(workDir, "composed");
  if (todo.length) {
    const made = await composeShort({
      presenterPath,
      board,
      workDir: path.join(workDir, "compose-work"),
      outPath: (a) => path.join(outDir, `${a.replace(":", "x")}.mp4`),
      aspects: todo,
      resolveMedia: (key) => resolveOwnedKey(v.workspaceId, key),
      brand: await brandForVideo(v),
      words: await readStudioWords(presenterPath),
      captions: v.captions,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
    for (const r of made) {
      const key = composedKey(opts.baseKey, r.aspect);
      await st.putFile(key, r.path, "video/mp4");
      renditions[r.aspect] = key;
      files[r.aspect] = r.path;
    }
  }
  return { mainPath: files[board.aspects[0]]!, files, renditions };
}

/** The composed file laid out for a platform preset's aspect, when there is one. */
export function composedSourceFor(c: ComposedForVideo | null, presetId: string): string | null {
  const aspect = PLATFORM_PRESETS[presetId as PlatformPresetId]?.aspect;
  return (c && aspect && c.files[aspect]) || null;
}
