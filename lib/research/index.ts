/** Public API of lib/research (pure: no database, no next/*). */
export * from "./types";
export { connectors, fetchSource } from "./connectors";
export { REDDIT_CREDENTIALS_MESSAGE, clearRedditTokenCache } from "./connectors/reddit";
export { parseCsv, parseManualCsv, parseManualJson, parseManualText } from "./connectors/manual";
export { USER_AGENT, parseRetryAfter, parseReset } from "./http";
export { applyFilters } from "./filters";
export {
  analyseResearch,
  insightsForTrend,
  pickUncoveredInsights,
  polishWithLlm,
  topicKey,
  topTrends,
  type AnalyseOptions,
  type PolishOptions,
} from "./analyse";
export {
  CONTENT_PATHS,
  DEFAULT_EXTRACTION_RULES,
  extractionRuleSchema,
  resolveExtractionRule,
  type ContentPath,
  type ExtractionRule,
  type ExtractionRuleInput,
} from "./extraction-rules";
export {
  formatPoints,
  generateScript,
  scriptForTrend,
  splitSentences,
  type GenerateScriptOptions,
  type GeneratedScript,
  type ScriptCitation,
} from "./script";
export { canonicalUrl, dedupeItems, runResearch, type ResearchRunResult, type RunContext, type SourceError } from "./run";
