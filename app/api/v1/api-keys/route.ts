import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { listApiKeys } from "@/lib/auth/api-keys";
import { listBody, pageQuery, paginate, safeText } from "@/lib/http/schemas";
import { createWorkspaceApiKey } from "@/lib/settings/api-keys";

export const GET = defineRoute(
  { method: "GET", path: "/api-keys", tag: "API keys", summary: "List the workspace's API keys (prefixes only), newest first", query: pageQuery, list: "keys" },
  async ({ ctx, query }) => listBody("keys", paginate(await listApiKeys(ctx.workspace.id), query, (k) => [k.createdAt, k.id])),
);

/** Minting needs a signed-in owner/admin: a leaked key must not be able to mint keys that outlive it. */
export const POST = defineRoute(
  {
    method: "POST", idempotent: true, path: "/api-keys", tag: "API keys", summary: "Create an API key (returned once; signed-in owners and admins only)", status: 201,
    roles: ["owner", "admin"], sessionOnly: true, bodyLimitBytes: 4 * 1024, bodyOptional: true,
    body: z.object({ name: safeText(100).optional() }),
  },
  async ({ ctx, body }) => createWorkspaceApiKey(ctx, { name: body.name?.trim() || "API key" }),
);
