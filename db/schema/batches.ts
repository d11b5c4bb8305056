/**
 * Batch create (issue 16): one row per `POST /api/v1/batches` call. The per-row outcome of the
 * call (created video id or the refusal with its reason) is kept as it was answered, so a
 * client following `GET /api/v1/batches/:id` sees the same row numbers; the live status of each
 * video is read from video_generations at read time.
 */
import { pgTable, text, timestamp, uuid, integer, jsonb, uniqueIndex, index } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { users } from "./auth";

export type BatchMode = "atomic" | "per_row";

export interface BatchItem {
  /** 1-based row number in the manifest (CSV: data row, header excluded). */
  row: number;
  title: string | null;
  status: "created" | "refused";
  videoId?: string;
  /** ISO time the row asked to be published at (kept for the caller; publishing is separate). */
  schedule?: string | null;
  error?: { code: string; message: string; issues?: { path: string; message: string }[] };
  /** What became of `schedule` once the video completed (lib/batches/schedule.ts). */
  publish?: BatchPublish;
}

export interface BatchPublish {
  /** scheduled: every platform has a post; partly_scheduled: some do; not_scheduled: none. */
  status: "scheduled" | "partly_scheduled" | "not_scheduled";
  /** When the posts go out (the row's schedule, or the completion time if that had passed). */
  at: string;
  posts: { platform: string; accountId: string; postId: string }[];
  /** Per platform, why it has no post, saying what to do. */
  problems: { platform: string; reason: string }[];
}

export const videoBatches = pgTable(
  "video_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    mode: text("mode").$type<BatchMode>().notNull(),
    /** accepted: at least one video was created; refused: none was. */
    status: text("status").$type<"accepted" | "refused">().notNull(),
    createdCount: integer("created_count").notNull(),
    refusedCount: integer("refused_count").notNull(),
    items: jsonb("items").$type<BatchItem[]>().notNull(),
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("video_batches_idem_key").on(t.workspaceId, t.idempotencyKey),
    index("video_batches_ws_created").on(t.workspaceId, t.createdAt),
  ],
);
