import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { sendTestEvent } from "@/lib/webhooks/test-event";

export const POST = defineRoute(
  {
    method: "POST",
    path: "/webhooks/{id}/test",
    idempotent: true,
    tag: "Webhooks",
    summary: "Send a signed test event to a webhook endpoint now (one try; the result is in the delivery log)",
    roles: ["owner", "admin"],
    params: idParams,
    resource: "Webhook endpoint",
  },
  async ({ ctx, params }) => ({ delivery: await sendTestEvent(ctx, params.id) }),
);
