import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { disconnect } from "@/lib/publishing/accounts";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute(
  { method: "DELETE", path: "/publishing/accounts/{id}", tag: "Publishing", summary: "Disconnect a social account (tokens revoked and deleted)", roles: ["owner", "admin"], params: idParams, resource: "Connected account" },
  async ({ ctx, params }) => {
    await disconnect(ctx.workspace.id, params.id);
    return { ok: true };
  },
);
