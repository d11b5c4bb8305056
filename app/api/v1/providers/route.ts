import { defineRoute } from "@/lib/http/handler";
import { publicProviderSettings } from "@/lib/providers/workspace";

export const GET = defineRoute(
  { method: "GET", path: "/providers", tag: "Providers", summary: "Provider settings of the workspace (keys masked)" },
  async ({ ctx }) => ({ providers: await publicProviderSettings(ctx.workspace.id) }),
);
