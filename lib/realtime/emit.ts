/**
 * Emits an event to a workspace (and optionally one video's room). In the process that owns
 * the socket.io server it goes straight out; any other process (a separate worker) sends it
 * through Postgres NOTIFY and every web process re-emits it to its own sockets.
 */
import type { Server } from "socket.io";
import { getSql } from "@/db/client";
import { logger } from "@/lib/logger";
import { REALTIME_CHANNEL, videoRoom, workspaceRoom, type EventName, type EventPayload } from "./events";

export interface Envelope {
  workspaceId: string;
  videoId?: string;
  event: EventName;
  payload: unknown;
}

const g = globalThis as unknown as { __avsIo?: Server };

export function setRealtimeServer(io: Server | undefined): void {
  g.__avsIo = io;
}

export function deliverLocally(io: Server, env: Envelope): void {
  const rooms = [workspaceRoom(env.workspaceId)];
  if (env.videoId) rooms.push(videoRoom(env.videoId));
  io.to(rooms).emit(env.event, env.payload as never);
}

export async function emit<E extends EventName>(
  workspaceId: string,
  event: E,
  payload: EventPayload<E>,
  videoId?: string,
): Promise<void> {
  const env: Envelope = { workspaceId, event, payload, videoId };
  if (g.__avsIo) {
    deliverLocally(g.__avsIo, env);
    return;
  }
  try {
    await getSql().notify(REALTIME_CHANNEL, JSON.stringify(env));
  } catch (err) {
    // Realtime is best effort: the state is in the database and the page re-reads it.
    logger.warn({ err, event }, "realtime notify failed");
  }
}
