import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { createEndpoint, listEndpoints, WEBHOOK_EVENTS } from "@/lib/webhooks";

export const GET = defineRoute(
  { method: "GET", path: "/webhooks", tag: "Webhooks", summary: "Webhook endpoints of the workspace (secrets are not shown again), newest first", query: pageQuery, list: "endpoints" },
  async ({ ctx, query }) => listBody("endpoints", paginate(await listEndpoints(ctx.workspace.id), query, (e) => [e.createdAt, e.id])),
);

export const POST = defineRoute(
  {
    method: "POST", path: "/webhooks", idempotent: true, tag: "Webhooks", summary: "Add a webhook endpoint (the signing secret is returned once)", status: 201,
    roles: ["owner", "admin"], bodyLimitBytes: 4 * 1024,
    body: z.object({ url: z.string().trim().max(2048, "Webhook URLs are limited to 2048 characters."), events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).optional() }),
  },
  async ({ ctx, rawBody }) => createEndpoint(ctx, rawBody),
);
