import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { workspaceRoi } from "@/lib/publishing/roi";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    method: "GET", path: "/publishing/roi", tag: "Publishing", summary: "Spend against views and engagement of published posts",
    query: z.object({ days: z.coerce.number().int("days must be a whole number from 1 to 3650.").min(1, "days must be a whole number from 1 to 3650.").max(3650, "days must be a whole number from 1 to 3650.").optional() }),
  },
  async ({ ctx, query }) => workspaceRoi(ctx.workspace.id, query.days ? new Date(Date.now() - query.days * 86_400_000) : undefined),
);
