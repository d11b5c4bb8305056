import { defineRoute } from "@/lib/http/handler";
import { pullWorkspaceMetrics } from "@/lib/publishing/metrics";

export const dynamic = "force-dynamic";

// The same pull the 6-hourly job makes, for this workspace now ("Refresh numbers").
export const POST = defineRoute(
  { method: "POST", path: "/publishing/metrics", tag: "Publishing", summary: "Pull views, likes, comments and shares of published posts from the platforms now" },
  async ({ ctx }) => pullWorkspaceMetrics(ctx.workspace.id),
);
