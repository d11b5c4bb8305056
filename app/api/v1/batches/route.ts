import { z } from "zod";
import { defineRoute, reply } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { MAX_BATCH_ROWS, batchBodySchema, createBatch, listWorkspaceBatches } from "@/lib/batches/batch";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    method: "POST", path: "/batches", tag: "Videos", status: 201, idempotent: true, idempotency: "service",
    summary: `Create up to ${MAX_BATCH_ROWS} videos from a JSON or CSV manifest`,
    description:
      "Rows are validated up front; each refused row is reported with its row number and reason. `mode=atomic` creates all rows or none " +
      "(an invalid row or a budget that cannot cover the sum refuses the batch: 400/402 with `error.rows`); `mode=per_row` (default) creates " +
      "every row it can. Send JSON `{ mode, rows }` or `{ mode, csv }`, or the CSV itself with `Content-Type: text/csv` and `?mode=`. " +
      "Follow with GET /batches/{id}.",
    query: z.object({ mode: z.enum(["atomic", "per_row"]).optional().describe("For a text/csv body; JSON bodies say `mode` themselves.") }),
    body: batchBodySchema, textBody: { contentType: "text/csv", field: "csv" },
    bodyLimitBytes: 2 * 1024 * 1024, resource: "Batch",
  },
  async ({ ctx, body, query, idempotencyKey }) => {
    const input = query.mode && body.csv !== undefined && body.rows === undefined ? { ...body, mode: query.mode } : body;
    const { batch, created } = await createBatch(ctx, input, { idempotencyKey });
    return reply(batch, created ? 201 : 200);
  },
);

export const GET = defineRoute(
  { method: "GET", path: "/batches", tag: "Videos", summary: "List batches, newest first", query: pageQuery, list: "batches" },
  async ({ ctx, query }) => listBody("batches", paginate(await listWorkspaceBatches(ctx), query, (b) => [b.createdAt, b.id])),
);
