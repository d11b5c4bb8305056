import { defineRoute } from "@/lib/http/handler";
import { accountsView, configuredPlatforms } from "@/lib/publishing/accounts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/publishing/accounts", tag: "Publishing", summary: "Connected social accounts, and which platforms this server is configured for" },
  async ({ ctx }) => ({ accounts: await accountsView(ctx.workspace.id), platforms: configuredPlatforms() }),
);
