import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { accountsView, configuredPlatforms } from "@/lib/publishing/accounts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/publishing/accounts", tag: "Publishing", summary: "Connected social accounts (by platform), and which platforms this server is configured for", query: pageQuery, list: "accounts" },
  async ({ ctx, query }) => ({
    ...listBody("accounts", paginate(await accountsView(ctx.workspace.id), query, (a) => [a.platform, a.id], "asc")),
    platforms: configuredPlatforms(),
  }),
);
