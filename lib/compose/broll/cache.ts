/**
 * The B-roll cache key: the same clip is asked for when the prompt says the same thing (case,
 * spacing and trailing punctuation aside), in the same aspect, from the same provider model.
 * Pure: used by the worker and by the estimate (to say "cached — free").
 */
import { createHash } from "node:crypto";
import type { ComposeAspect } from "../types";

export type ClipAspect = "9:16" | "16:9" | "1:1";

/** Clip providers make 9:16, 16:9 and 1:1; a 4:5 storyboard takes the 9:16 clip (the composer crops). */
export function clipAspectOf(a: ComposeAspect): ClipAspect {
  return a === "4:5" ? "9:16" : a;
}

export function normalisePrompt(prompt: string): string {
  return prompt
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!?,;:\s]+$/u, "");
}

export function brollCacheKey(prompt: string, aspect: ClipAspect, provider: string, model: string): string {
  return createHash("sha256").update(`${normalisePrompt(prompt)}\u0000${aspect}\u0000${provider}:${model}`).digest("hex");
}
