/**
 * Per-workspace extraction rules: the defaults of DEFAULT_EXTRACTION_RULES, overridden by rows
 * of extraction_rules (validated with extractionRuleSchema on the way in and on the way out).
 */
import { z } from "zod";
import { getDb } from "@/db/client";
import { deleteRuleOverride, listRuleOverrides, upsertRuleOverride } from "@/db/queries/research";
import type { AuthContext } from "@/lib/auth/context";
import { requireRole } from "@/lib/auth/context";
import { logger } from "@/lib/logger";
import { DEFAULT_EXTRACTION_RULES, resolveExtractionRule, type ExtractionRule, type ExtractionRuleInput } from "./extraction-rules";
import { SOURCE_IDS, SOURCE_LABELS, sourceIdSchema, type SourceId } from "./types";

export interface WorkspaceRule {
  source: SourceId;
  label: string;
  rule: ExtractionRule;
  isDefault: boolean;
  defaultRule: ExtractionRule;
}

function effective(source: SourceId, stored: Record<string, unknown> | undefined): ExtractionRule {
  if (!stored) return DEFAULT_EXTRACTION_RULES[source];
  try {
    return resolveExtractionRule(source, stored as Partial<ExtractionRuleInput>);
  } catch (err) {
    // A stored rule that no longer validates (schema tightened) falls back to the default.
    logger.warn({ source, err: (err as Error).message }, "stored extraction rule is invalid; using the default");
    return DEFAULT_EXTRACTION_RULES[source];
  }
}

export async function listRules(workspaceId: string): Promise<WorkspaceRule[]> {
  const rows = await listRuleOverrides(getDb(), workspaceId);
  const bySource = new Map(rows.map((r) => [r.source, r.rule]));
  return SOURCE_IDS.map((source) => ({
    source,
    label: SOURCE_LABELS[source],
    rule: effective(source, bySource.get(source)),
    isDefault: !bySource.has(source),
    defaultRule: DEFAULT_EXTRACTION_RULES[source],
  }));
}

export async function ruleFor(workspaceId: string, source: SourceId): Promise<ExtractionRule> {
  const rows = await listRuleOverrides(getDb(), workspaceId);
  return effective(source, rows.find((r) => r.source === source)?.rule);
}

export const ruleUpdateSchema = z.union([
  z.object({ source: sourceIdSchema, reset: z.literal(true) }),
  z.object({ source: sourceIdSchema, rule: z.record(z.string(), z.unknown()) }),
]);

/** Saves an override (validated against the schema) or, with `reset: true`, goes back to the default. */
export async function updateRule(ctx: AuthContext, input: unknown): Promise<WorkspaceRule> {
  requireRole(ctx, ["owner", "admin"]);
  const v = ruleUpdateSchema.parse(input);
  if ("reset" in v) {
    await deleteRuleOverride(getDb(), ctx.workspace.id, v.source);
  } else {
    const rule = resolveExtractionRule(v.source, v.rule as Partial<ExtractionRuleInput>);
    await upsertRuleOverride(getDb(), ctx.workspace.id, v.source, rule as unknown as Record<string, unknown>);
  }
  const all = await listRules(ctx.workspace.id);
  return all.find((r) => r.source === v.source)!;
}
