/**
 * Post text per platform from the script and its research topics: a hook line, a short body,
 * and hashtags, cut to each platform's limit without breaking a word or a hashtag.
 * Limits: TikTok title 2,200 UTF-16 units (Direct Post reference); Instagram caption 2,200
 * characters and at most 30 hashtags (ig-user/media reference); YouTube title 100 characters,
 * description 5,000 bytes (videos resource); read 2026-11-30.
 */
import type { SocialPlatform } from "@/db/schema";

export const CAPTION_LIMIT: Record<SocialPlatform, number> = { tiktok: 2200, instagram: 2200, youtube: 5000 };
const MAX_TAGS: Record<SocialPlatform, number> = { tiktok: 5, instagram: 5, youtube: 3 };

/** "Rust's new borrow-checker!" → "#RustsNewBorrowChecker"; empty when nothing usable is left. */
export function hashtag(topic: string): string {
  const words = topic
    .normalize("NFKC")
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const tag = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  return tag && !/^\d+$/.test(tag) ? `#${tag.slice(0, 40)}` : "";
}

function cutAtWord(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const sp = cut.lastIndexOf(" ");
  return `${(sp > max * 0.6 ? cut.slice(0, sp) : cut).trimEnd()}…`;
}

export interface PostTextInput {
  title: string;
  script: string;
  topics: string[];
}

export interface PostText {
  caption: string;
  title: string;
  hashtags: string[];
}

export function postText(platform: SocialPlatform, input: PostTextInput): PostText {
  const tags = [...new Set(input.topics.map(hashtag).filter(Boolean))].slice(0, MAX_TAGS[platform]);
  const tagLine = tags.join(" ");
  const firstSentences = input.script.replace(/\s+/g, " ").trim().split(/(?<=[.!?])\s/).slice(0, 2).join(" ");
  const limit = CAPTION_LIMIT[platform] - (tagLine ? tagLine.length + 2 : 0);
  const body = platform === "youtube" ? firstSentences : [input.title.trim(), firstSentences].filter(Boolean).join("\n\n");
  const caption = [cutAtWord(body, Math.min(limit, platform === "youtube" ? 4000 : 600)), tagLine].filter(Boolean).join("\n\n");
  return { caption, title: cutAtWord(input.title.replace(/[<>]/g, "").trim() || "Video", 100), hashtags: tags };
}

/** Topics from what the video was made of: the campaign/research topic and the title's key words. */
export function topicsOf(v: { scriptTitle: string; originalContent: Record<string, unknown> | null }): string[] {
  const oc = v.originalContent ?? {};
  const out: string[] = [];
  for (const k of ["topic", "topics", "keywords"]) {
    const x = oc[k];
    if (typeof x === "string") out.push(x);
    else if (Array.isArray(x)) out.push(...x.filter((y): y is string => typeof y === "string"));
  }
  return out;
}
