import { defineRoute } from "@/lib/http/handler";
import { listRules, ruleUpdateSchema, updateRule } from "@/lib/research/rules-store";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/research/rules", tag: "Research", summary: "Extraction rules per source (defaults and this workspace's overrides)" },
  async ({ ctx }) => ({ rules: await listRules(ctx.workspace.id) }),
);

/** Body: { source, rule: {...partial rule} } to override, or { source, reset: true } for the default. */
export const PUT = defineRoute(
  { method: "PUT", path: "/research/rules", tag: "Research", summary: "Override a source's extraction rule, or reset it", body: ruleUpdateSchema, bodyLimitBytes: 16 * 1024 },
  async ({ ctx, rawBody }) => updateRule(ctx, rawBody),
);
