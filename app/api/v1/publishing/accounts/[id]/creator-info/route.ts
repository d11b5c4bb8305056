import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { tiktokCreatorInfo } from "@/lib/publishing/accounts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/publishing/accounts/{id}/creator-info", tag: "Publishing", summary: "TikTok creator info (privacy options, limits) for a connected account", params: idParams, resource: "Connected account" },
  async ({ ctx, params }) => tiktokCreatorInfo(ctx.workspace.id, params.id),
);
