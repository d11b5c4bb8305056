/**
 * The manual path (issue 15): a "post kit" ZIP for users without API access — per platform the
 * rendition that platform takes (the same pick and spec check as API posting, lib/publishing/spec),
 * the caption text (and YouTube title) with hashtags, the thumbnail, and a README saying what
 * goes where and why a platform's file is missing. Streamed with lib/videos/zip.
 */
import { getDb } from "@/db/client";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { AppError } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { filenameFor } from "@/lib/storage/http";
import { zipSize, zipStream, type ZipEntry } from "@/lib/videos/zip";
import { PLATFORMS, PLATFORM_LABEL } from "./config";
import { pickRendition } from "./spec";
import { postText, topicsOf } from "./text";

const bytes = (s: string) => Buffer.from(s.replace(/\r?\n/g, "\r\n"), "utf8");

function textEntry(name: string, text: string, mtime: Date): ZipEntry {
  const b = bytes(text);
  return { name, size: b.length, mtime, open: async () => (async function* () { yield b; })() };
}

export async function postKit(workspaceId: string, videoId: string) {
  const v = await findVideoForWorkspace(getDb(), workspaceId, videoId);
  if (!v) throw new AppError("not_found", "Video not found.");
  if (v.status !== "completed" || !v.videoKey) throw new AppError("conflict", "The post kit is made from a finished video; wait until it is Ready.");
  const st = storage();
  const mtime = v.completedAt ?? v.createdAt;
  const input = { title: v.scriptTitle, script: v.scriptContent, topics: topicsOf(v) };
  const entries: ZipEntry[] = [];
  const readme: string[] = [`Post kit for “${v.scriptTitle}”`, ""];
  for (const p of PLATFORMS) {
    const label = PLATFORM_LABEL[p];
    const text = postText(p, input);
    entries.push(textEntry(`${p}/caption.txt`, p === "youtube" ? `${text.title}\n\n${text.caption}\n` : `${text.caption}\n`, mtime));
    const pick = pickRendition(p, v);
    const stat = pick.ok ? await st.stat(pick.key) : null;
    if (pick.ok && stat) {
      const key = pick.key;
      entries.push({ name: `${p}/video.mp4`, size: stat.size, mtime, open: () => st.read(key) });
      readme.push(`${label}: upload ${p}/video.mp4 (${pick.rendition === "original" ? "the original video" : `the ${pick.rendition} version`}) with the text in ${p}/caption.txt${p === "youtube" ? " (first line: the title)" : ""}.`);
    } else {
      readme.push(`${label}: no video in this kit — ${pick.ok ? "its file is missing; re-generate the video" : pick.reason}. The caption is in ${p}/caption.txt.`);
    }
  }
  if (v.thumbnailKey) {
    const t = await st.stat(v.thumbnailKey);
    const key = v.thumbnailKey;
    if (t) {
      entries.push({ name: "thumbnail.jpg", size: t.size, mtime, open: () => st.read(key) });
      readme.push("", "thumbnail.jpg is a cover image where the platform lets you pick one.");
    }
  }
  readme.push("", "The video has an AI presenter: mark it as AI-generated / altered or synthetic content when the platform asks.",
    "Posted it by hand? Paste the post's link on the video page so its views count in Analytics.");
  entries.unshift(textEntry("README.txt", `${readme.join("\n")}\n`, mtime));
  return { filename: filenameFor(v.scriptTitle, "post-kit", "zip"), size: zipSize(entries), stream: zipStream(entries) };
}
