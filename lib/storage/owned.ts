/**
 * Storage keys are owned (ARCHITECTURE §3 rule 1): media a user references (a background, later
 * music and logos) must live under the workspace's own prefixes. The check runs where a video is
 * created AND where the key is resolved for rendering, and "missing" and "not yours" give the
 * SAME error, so a key of another workspace cannot be probed for existence (issue 10, hole 2).
 */
import { AppError } from "@/lib/errors";
import { storage } from "./index";

/** Prefixes a workspace owns: its renders and its uploads. */
export function ownedPrefixes(workspaceId: string): string[] {
  return [`videos/${workspaceId}/`, `uploads/${workspaceId}/`];
}

/** The one answer for a missing key and for a key of another workspace. */
export const MEDIA_NOT_FOUND = "Media not found: upload the image or video again (Create → Background → Upload) and use the key it returns.";

export function mediaNotFound(): AppError {
  return new AppError("not_found", MEDIA_NOT_FOUND);
}

/** Pure shape check: a plain relative key under one of the workspace's prefixes. */
export function isOwnedKey(workspaceId: string, key: string): boolean {
  if (!workspaceId || typeof key !== "string") return false;
  if (!/^[A-Za-z0-9._/-]{1,512}$/.test(key) || key.includes("..") || key.includes("//") || key.startsWith("/")) return false;
  return ownedPrefixes(workspaceId).some((p) => key.startsWith(p) && key.length > p.length);
}

/** Create-time check: the key is the workspace's and exists. Throws mediaNotFound() otherwise. */
export async function assertOwnedMedia(workspaceId: string, key: string): Promise<void> {
  if (!isOwnedKey(workspaceId, key)) throw mediaNotFound();
  const meta = await storage().stat(key).catch(() => null);
  if (!meta) throw mediaNotFound();
}

/**
 * Render-time resolution: the local path of an owned key. Any failure to find it (not owned,
 * deleted since, driver error "missing") becomes the same mediaNotFound().
 */
export async function resolveOwnedKey(workspaceId: string, key: string): Promise<string> {
  await assertOwnedMedia(workspaceId, key);
  try {
    return await storage().toLocalFile(key);
  } catch (e) {
    if ((e as { code?: string })?.code === "not_found") throw mediaNotFound();
    throw e;
  }
}
