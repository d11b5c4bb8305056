/** Pure helpers for the script editor (safe in the browser). */
export { estimateSpeechSeconds } from "@/lib/providers/types";

export const MAX_CAPTION_SENTENCE_WORDS = 25;

export interface SentenceWarning {
  index: number;
  words: number;
  preview: string;
}

export function splitSentences(script: string): string[] {
  return script
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Sentences too long to read as one caption. */
export function sentenceWarnings(script: string): SentenceWarning[] {
  return splitSentences(script)
    .map((s, i) => ({ index: i + 1, words: s.split(/\s+/).filter(Boolean).length, preview: s.length > 70 ? `${s.slice(0, 70)}…` : s }))
    .filter((w) => w.words > MAX_CAPTION_SENTENCE_WORDS);
}

export function countWords(script: string): number {
  return script.trim().split(/\s+/).filter(Boolean).length;
}
