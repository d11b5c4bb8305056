import { z } from "zod";
import { sourceIdSchema, type SourceId } from "./types";

/**
 * How research output becomes a script, per source. Workspaces may edit these (validated with
 * `extractionRuleSchema`); `DEFAULT_EXTRACTION_RULES` is what they start from.
 * Lengths apply to the extracted content (the numbered points), not the template around it.
 */

export const CONTENT_PATHS = [
  "analysis.actionable_recommendations",
  "analysis.key_insights",
  "analysis.trending_topics",
] as const;
export type ContentPath = (typeof CONTENT_PATHS)[number];

const SCRIPT_PLACEHOLDERS = ["content", "topic", "source", "date"];
const TITLE_PLACEHOLDERS = ["topic", "source", "date"];

function placeholdersOk(s: string, allowed: string[]): boolean {
  return [...s.matchAll(/\{([^{}]*)\}/g)].every((m) => allowed.includes(m[1]));
}

export const extractionRuleSchema = z
  .object({
    source: sourceIdSchema,
    content_paths: z.array(z.enum(CONTENT_PATHS)).min(1, "pick at least one content path").max(3),
    title_template: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine((s) => placeholdersOk(s, TITLE_PLACEHOLDERS), "title_template may only use {topic}, {source} and {date}"),
    script_template: z
      .string()
      .min(1)
      .max(5000)
      .refine((s) => s.includes("{content}"), "script_template must contain {content}")
      .refine((s) => placeholdersOk(s, SCRIPT_PLACEHOLDERS), "script_template may only use {content}, {topic}, {source} and {date}"),
    min_content_length: z.number().int().min(0).max(10_000),
    max_content_length: z.number().int().min(50).max(20_000),
    /** Most numbered points in one script. */
    max_points: z.number().int().min(1).max(20).default(5),
    /**
     * "short" (default): a spoken short written from the research items themselves (hook,
     * points, takeaway, call to action; lib/research/writer.ts), sized to the target length.
     * "list": the template above filled with numbered insight points.
     */
    format: z.enum(["short", "list"]).optional(),
  })
  .refine((r) => r.min_content_length < r.max_content_length, {
    message: "min_content_length must be below max_content_length",
    path: ["min_content_length"],
  });

export type ExtractionRule = z.infer<typeof extractionRuleSchema>;
export type ExtractionRuleInput = z.input<typeof extractionRuleSchema>;

export const DEFAULT_EXTRACTION_RULES: Record<SourceId, ExtractionRule> = {
  reddit: {
    source: "reddit",
    content_paths: ["analysis.actionable_recommendations", "analysis.key_insights", "analysis.trending_topics"],
    title_template: "Reddit Research Insights - {topic}",
    script_template:
      "Based on our latest Reddit research, here are the key insights:\n\n{content}\n\n" +
      "These trends represent significant opportunities for content creators and businesses.",
    min_content_length: 150,
    max_content_length: 1800,
    max_points: 5,
  },
  hackernews: {
    source: "hackernews",
    content_paths: ["analysis.key_insights", "analysis.trending_topics", "analysis.actionable_recommendations"],
    title_template: "Hacker News Tech Pulse - {topic}",
    script_template:
      "Here is what the Hacker News community is talking about this week:\n\n{content}\n\n" +
      "Keep an eye on these discussions: they often show where builders are heading next.",
    min_content_length: 150,
    max_content_length: 1600,
    max_points: 5,
  },
  github: {
    source: "github",
    content_paths: ["analysis.key_insights", "analysis.actionable_recommendations", "analysis.trending_topics"],
    title_template: "Rising on GitHub - {topic}",
    script_template:
      "These open-source projects are gaining momentum on GitHub right now:\n\n{content}\n\n" +
      "Star the ones that fit your stack and watch how they grow.",
    min_content_length: 120,
    max_content_length: 1500,
    max_points: 5,
  },
  google_trends: {
    source: "google_trends",
    content_paths: ["analysis.trending_topics", "analysis.key_insights", "analysis.actionable_recommendations"],
    title_template: "Trending Now - {topic}",
    script_template:
      "Here is what people are searching for right now, as of {date}:\n\n{content}\n\n" +
      "Trends move fast, so this is the moment to join the conversation.",
    min_content_length: 100,
    max_content_length: 1200,
    max_points: 4,
  },
  rss: {
    source: "rss",
    content_paths: ["analysis.key_insights", "analysis.trending_topics", "analysis.actionable_recommendations"],
    title_template: "Latest Industry Insights - {topic}",
    script_template:
      "We went through the latest articles from the feeds we follow. Here is what stood out:\n\n{content}\n\n" +
      "Follow along for the next roundup.",
    min_content_length: 150,
    max_content_length: 1800,
    max_points: 5,
  },
  manual: {
    source: "manual",
    content_paths: ["analysis.key_insights", "analysis.actionable_recommendations", "analysis.trending_topics"],
    title_template: "Research Notes - {topic}",
    script_template: "Here are the key points from our research on {topic}:\n\n{content}\n\nThanks for watching.",
    min_content_length: 100,
    max_content_length: 2000,
    max_points: 6,
  },
};

/** A workspace's edited rule merged over the default, validated. Throws ZodError on bad input. */
export function resolveExtractionRule(source: SourceId, override?: Partial<ExtractionRuleInput>): ExtractionRule {
  return extractionRuleSchema.parse({ ...DEFAULT_EXTRACTION_RULES[source], ...override, source });
}
