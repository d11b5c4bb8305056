import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { listDeliveries } from "@/lib/webhooks";

const DELIVERY_WINDOW = 1000;

export const GET = defineRoute(
  {
    method: "GET", path: "/webhook-deliveries", tag: "Webhooks", summary: "Outbound webhook deliveries, newest first (the last 1,000)", query: pageQuery, list: "deliveries",
  },
  // The delivery log is a window (the newest DELIVERY_WINDOW rows), paged with the one cursor convention.
  async ({ ctx, query }) => listBody("deliveries", paginate(await listDeliveries(ctx.workspace.id, DELIVERY_WINDOW), query, (d) => [d.createdAt, d.id])),
);
