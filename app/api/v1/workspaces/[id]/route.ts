import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { getWorkspaceForMember } from "@/lib/workspaces";

export const GET = defineRoute(
  { method: "GET", path: "/workspaces/{id}", tag: "Account", summary: "A workspace the caller belongs to, with its members", params: idParams, resource: "Workspace" },
  async ({ ctx, params }) => getWorkspaceForMember(ctx, params.id),
);
