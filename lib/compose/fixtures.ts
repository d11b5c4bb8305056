/**
 * A recorded research mix (shaped as the connectors map the fakes' payloads), used by the
 * composer's tests and the bench so both compose the same 30 s short.
 */
import type { ResearchItem } from "@/lib/research/types";
import type { Storyboard } from "./types";

const at = "2026-11-29T10:00:00.000Z";
const item = (p: Partial<ResearchItem> & Pick<ResearchItem, "id" | "source" | "title">): ResearchItem => ({
  externalId: p.id.split(":")[1] ?? p.id,
  summary: null,
  url: null,
  score: null,
  comments: null,
  publishedAt: at,
  tags: [],
  language: "en",
  raw: null,
  ...p,
});

export const FAKE_ITEMS: ResearchItem[] = [
  item({ id: "reddit:t3_1k9a001", source: "reddit", title: "AI automation tools saved my team 10 hours a week", summary: "We replaced manual reporting with AI automation tools and an n8n workflow. Happy to share the setup.", url: "https://www.reddit.com/r/productivity/comments/1k9a001/", score: 4210, comments: 388, tags: ["r/productivity"] }),
  item({ id: "reddit:t3_1k9a007", source: "reddit", title: "Running a local LLM on a laptop is finally practical", url: "https://www.reddit.com/r/LocalLLaMA/comments/1k9a007/", score: 3320, comments: 640, tags: ["r/localllama"] }),
  item({ id: "hackernews:41000001", source: "hackernews", title: "Show HN: An open-source AI agent that fixes flaky tests", url: "https://news.ycombinator.com/item?id=41000001", score: 812, comments: 233, tags: ["story", "show_hn"] }),
  item({ id: "github:9001", source: "github", title: "acme/agentkit", summary: "A TypeScript toolkit for building reliable AI agents with tool calling.", url: "https://github.com/acme/agentkit", score: 15400, tags: ["lang:typescript"] }),
  item({ id: "google_trends:ai-agents", source: "google_trends", title: "ai agents", score: 200000, tags: ["geo:us"] }),
  item({ id: "rss:guid-1", source: "rss", title: "Four-day week trial: productivity went up 20%", summary: "A six-month trial across 61 companies found output rose while burnout fell sharply.", url: "https://www.example-news.com/four-day-week" }),
  item({ id: "manual:1", source: "manual", title: "Our customers ask for shorter onboarding videos" }),
];

/**
 * A storyboard with one presenter scene and one AI B-roll scene per prompt: the shape the
 * B-roll tests (lib/compose/broll/*.test.ts) feed to the real pipeline and routes.
 */
export const brollBoard = (prompts: string[]): Storyboard => ({
  version: 1,
  scenes: [
    { id: "s1", text: "Here is what changed this week.", layout: "presenter", visual: { type: "none" }, citation: null },
    ...prompts.map((p, i) => ({ id: `b${i + 1}`, text: `Point number ${i + 1} matters.`, layout: "visual" as const, visual: { type: "broll" as const, prompt: p }, citation: null })),
  ],
  music: { bed: "none", volumeDb: -20 },
  aspects: ["9:16"],
});
