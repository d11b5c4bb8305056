import { defineRoute } from "@/lib/http/handler";

export const GET = defineRoute(
  { method: "GET", path: "/me", tag: "Account", summary: "The caller: user, workspace and role" },
  async ({ ctx }) => ({ user: ctx.user, workspace: ctx.workspace, role: ctx.role }),
);
