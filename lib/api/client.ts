/**
 * A small typed client for /api/v1 (used by the CLI). Request types are the zod input types of
 * the routes' own schemas, so a field the API does not accept fails to compile here.
 */
import type { z } from "zod";
import type { createVideoSchema } from "@/lib/videos/input";

export type CreateVideoRequest = z.input<typeof createVideoSchema>;

export interface ApiVideo {
  id: string;
  title: string;
  status: "queued" | "submitting" | "rendering" | "processing" | "completed" | "failed" | "timeout" | "cancelled";
  stage: string;
  progress: number;
  provider: string | null;
  error: string | null;
  durationSeconds: number | null;
  costCents: number | null;
  createdAt: string;
  completedAt: string | null;
  urls: { self: string; video: string | null; thumbnail: string | null; download: string | null };
}

export interface ApiPresenter {
  id: string;
  slug: string;
  name: string;
  tier: string;
  style: string;
  language: string;
  locked: boolean;
}

export const FINAL_STATUSES = new Set(["completed", "failed", "timeout", "cancelled"]);

export interface ApiBatchRow {
  row: number;
  title: string | null;
  status: "created" | "refused";
  videoId?: string;
  schedule?: string | null;
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
  videoStatus?: string;
  stage?: string | null;
  progress?: number | null;
  url?: string;
}

export interface ApiBatch {
  id: string;
  mode: "atomic" | "per_row";
  status: "accepted" | "refused";
  createdCount: number;
  refusedCount: number;
  createdAt: string;
  rows: ApiBatchRow[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
    /** The error body's other fields (a refused batch carries `batchId` and `rows`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export function createClient(opts: ClientOptions) {
  const f = opts.fetch ?? fetch;
  const base = opts.baseUrl.replace(/\/+$/, "");
  /** `body` as a string is sent as is (with its content-type in `headers`); anything else as JSON. */
  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const raw = typeof body === "string";
    const res = await f(`${base}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${opts.apiKey}`, ...(body !== undefined && !raw ? { "content-type": "application/json" } : {}), ...headers },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? (JSON.parse(text) as unknown) : null;
    } catch {
      if (res.ok) throw new ApiError(res.status, "bad_response", `The server answered HTTP ${res.status} with a body that is not JSON; is ${base} the studio?`);
    }
    if (!res.ok) {
      const { code, message, ...details } = (json as { error?: { code?: string; message?: string } } | null)?.error ?? {};
      const retry = Number(res.headers.get("retry-after"));
      throw new ApiError(res.status, code ?? "http_error", message ?? `HTTP ${res.status}`, Number.isFinite(retry) && res.headers.has("retry-after") ? retry : undefined, details);
    }
    return json as T;
  }
  /**
   * Every item of a list: lists answer `{ <items>: [...], nextCursor }` and take `limit` and
   * `cursor` (the one convention of the API); this follows nextCursor to the end.
   */
  async function listAll<T>(path: string, items: string): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes("?") ? "&" : "?";
      const page: Record<string, unknown> = await request("GET", `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      out.push(...((page[items] as T[] | undefined) ?? []));
      cursor = typeof page.nextCursor === "string" ? page.nextCursor : null;
    } while (cursor);
    return out;
  }
  return {
    request,
    me: () => request<{ user: { email: string }; workspace: { id: string; name: string }; role: string }>("GET", "/me"),
    listAll,
    presenters: () => listAll<ApiPresenter>("/avatars", "avatars"),
    listVideos: (q: { limit?: number; cursor?: string } = {}) => {
      const p = new URLSearchParams();
      if (q.limit) p.set("limit", String(q.limit));
      if (q.cursor) p.set("cursor", q.cursor);
      return request<{ videos: ApiVideo[]; nextCursor: string | null; total: number }>("GET", `/videos${p.size ? `?${p}` : ""}`);
    },
    createVideo: (input: CreateVideoRequest, idempotencyKey: string) => request<ApiVideo>("POST", "/videos", input, { "idempotency-key": idempotencyKey }),
    createVideoFromResearch: (input: Record<string, unknown>, idempotencyKey: string) =>
      request<ApiVideo>("POST", "/videos/from-research", input, { "idempotency-key": idempotencyKey }),
    /** A manifest as parsed JSON rows, or CSV text (sent as text/csv). */
    createBatch: (manifest: { rows: Record<string, unknown>[] } | { csv: string }, mode: "atomic" | "per_row", idempotencyKey: string) =>
      "csv" in manifest
        ? request<ApiBatch>("POST", `/batches?mode=${mode}`, manifest.csv, { "content-type": "text/csv", "idempotency-key": idempotencyKey })
        : request<ApiBatch>("POST", "/batches", { mode, rows: manifest.rows }, { "idempotency-key": idempotencyKey }),
    batch: (id: string) => request<ApiBatch>("GET", `/batches/${encodeURIComponent(id)}`),
    video: (id: string) => request<ApiVideo>("GET", `/videos/${encodeURIComponent(id)}`),
    async download(url: string): Promise<Response> {
      const res = await f(url.startsWith("http") ? url : `${base}${url}`, { headers: { authorization: `Bearer ${opts.apiKey}` } });
      if (!res.ok) throw new ApiError(res.status, "download_failed", `Download failed with HTTP ${res.status}.`);
      return res;
    },
  };
}

export type ApiClient = ReturnType<typeof createClient>;
