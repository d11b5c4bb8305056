/**
 * A web process hears other processes' events through PostgreSQL LISTEN. When that connection
 * drops (a database restart, a network blip), every NOTIFY sent until postgres.js re-listens is
 * lost, and a browser on this process would freeze on a stale status (chaos run 3 saw 9 of 10
 * final statuses). So on every re-listen we re-emit the state of the videos that changed since
 * we last knew we were connected. Duplicates are harmless: the client keeps the newest state.
 */
import type { Server } from "socket.io";
import { getDb } from "@/db/client";
import { listVideosUpdatedSince } from "@/db/queries/videos";
import { videoUpdatePayload } from "@/lib/videos/events";
import { deliverLocally } from "./emit";

/** Rows are stamped by app clocks and the database clock; cover a little skew. */
const MARGIN_MS = 30_000;
/** Never replay more than this window (a long outage has no changes to replay anyway). */
const MAX_WINDOW_MS = 15 * 60_000;

export function catchUpSince(lastAlive: Date, now: Date): Date {
  return new Date(Math.max(lastAlive.getTime() - MARGIN_MS, now.getTime() - MAX_WINDOW_MS));
}

/** Re-emits each changed video to its own workspace and video rooms; returns how many. */
export async function replayVideoUpdates(io: Server, since: Date): Promise<number> {
  const rows = await listVideosUpdatedSince(getDb(), since);
  for (const v of rows) {
    deliverLocally(io, { workspaceId: v.workspaceId, videoId: v.id, event: "video.updated", payload: videoUpdatePayload(v) });
  }
  return rows.length;
}
