import { defineRoute } from "@/lib/http/handler";
import { listDeliveries } from "@/lib/webhooks";

export const GET = defineRoute(
  { method: "GET", path: "/webhook-deliveries", tag: "Webhooks", summary: "The last 50 outbound webhook deliveries" },
  async ({ ctx }) => ({ deliveries: await listDeliveries(ctx.workspace.id) }),
);
