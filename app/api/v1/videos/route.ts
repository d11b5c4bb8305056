import { z } from "zod";
import { AppError } from "@/lib/errors";
import { defineRoute, reply } from "@/lib/http/handler";
import { requestHash } from "@/lib/http/idempotency";
import { safeText } from "@/lib/http/schemas";
import { createVideo } from "@/lib/videos/create";
import { createVideoRequestSchema } from "@/lib/videos/input";
import { LIBRARY_SINCE, LIBRARY_SORTS, listWorkspaceVideos } from "@/lib/videos/library";
import { publicVideo } from "@/lib/videos/process";

export const dynamic = "force-dynamic";

/** The cursor is opaque to callers; today it carries the next page number. */
const encodeCursor = (page: number) => Buffer.from(JSON.stringify({ p: page })).toString("base64url");
function decodeCursor(c: string | undefined): number | undefined {
  if (!c) return undefined;
  try {
    const p = (JSON.parse(Buffer.from(c, "base64url").toString("utf8")) as { p?: unknown }).p;
    return typeof p === "number" && Number.isInteger(p) && p >= 1 && p <= 100_000 ? p : undefined;
  } catch {
    return undefined;
  }
}

export const GET = defineRoute(
  {
    method: "GET", path: "/videos", tag: "Videos", summary: "List videos, newest first (cursor-paginated)", list: "videos",
    query: z.object({
      status: safeText(200).optional().describe("Comma-separated statuses, e.g. completed,failed"),
      provider: safeText(40).optional(),
      campaignId: z.string().max(64).optional(),
      q: safeText(200).optional(),
      sort: z.enum(LIBRARY_SORTS).optional(),
      since: z.enum(Object.keys(LIBRARY_SINCE) as [keyof typeof LIBRARY_SINCE]).optional().describe("Created within the last 1d, 7d, 30d or 90d"),
      limit: z.coerce.number().int().min(1).max(100).optional(),
      cursor: safeText(200).optional(),
      page: z.coerce.number().int().min(1).max(100_000).optional(),
      pageSize: z.coerce.number().int().min(1).max(100).optional(),
    }),
  },
  async ({ ctx, query, req }) => {
    const { cursor, limit, ...rest } = query;
    const cursorPage = decodeCursor(cursor);
    if (cursor && cursorPage === undefined) throw new AppError("bad_request", "That cursor is not one this API handed out; start again without it.");
    const raw = Object.fromEntries(new URL(req.url).searchParams);
    const r = await listWorkspaceVideos(ctx, {
      ...raw, ...rest, cursor: undefined, limit: undefined,
      page: cursorPage ?? rest.page, pageSize: limit ?? rest.pageSize,
    });
    return { ...r, nextCursor: r.page * r.pageSize < r.total ? encodeCursor(r.page + 1) : null };
  },
);

export const POST = defineRoute(
  {
    method: "POST", path: "/videos", tag: "Videos", summary: "Create a video from a script (reserves budget, queues generation)",
    description: "Send `Idempotency-Key` to make retries safe: the same key and body return the first video (200); the same key with another body is 409.",
    status: 201, body: createVideoRequestSchema, idempotent: true, idempotency: "service", bodyLimitBytes: 64 * 1024,
  },
  async ({ ctx, rawBody, idempotencyKey }) => {
    const body = rawBody as Record<string, unknown>;
    const input = idempotencyKey && !body.idempotencyKey ? { ...body, idempotencyKey } : body;
    const { video, created } = await createVideo(ctx, input, { requestHash: requestHash(body) });
    return reply(publicVideo(video), created ? 201 : 200);
  },
);
