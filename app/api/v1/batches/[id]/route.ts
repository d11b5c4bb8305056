import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { getBatch } from "@/lib/batches/batch";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/batches/{id}", tag: "Videos", summary: "A batch: each row's video id, live status, or why it was refused", params: idParams, resource: "Batch" },
  async ({ ctx, params }) => getBatch(ctx, params.id),
);
