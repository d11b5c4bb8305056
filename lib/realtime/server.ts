import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { decode } from "next-auth/jwt";
import { contextForUser, WORKSPACE_COOKIE } from "@/lib/auth/context";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { getDb, getSql } from "@/db/client";
import { logger } from "@/lib/logger";
import { deliverLocally, setRealtimeServer, type Envelope } from "./emit";
import { REALTIME_CHANNEL, videoRoom, workspaceRoom, type ClientToServerEvents, type ServerToClientEvents } from "./events";

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** Attaches socket.io to the HTTP server; the handshake is authenticated from the next-auth cookie. */
export async function attachRealtime(http: HttpServer, opts: { listenAcrossProcesses: boolean }) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { path: "/socket.io", serveClient: false });

  io.use(async (socket, next) => {
    try {
      const cookies = parseCookies(socket.handshake.headers.cookie);
      const raw = cookies["__Secure-next-auth.session-token"] ?? cookies["next-auth.session-token"];
      const token = raw ? await decode({ token: raw, secret: process.env.APP_SECRET! }) : null;
      const uid = token?.uid as string | undefined;
      const ctx = uid ? await contextForUser(uid, cookies[WORKSPACE_COOKIE]) : null;
      if (!ctx) return next(new Error("unauthorized"));
      socket.data.ctx = ctx;
      await socket.join(workspaceRoom(ctx.workspace.id));
      next();
    } catch (err) {
      logger.warn({ err }, "socket handshake failed");
      next(new Error("unauthorized"));
    }
  });

  io.on("connection", (socket) => {
    socket.on("video.subscribe", async (videoId, ack) => {
      const ctx = socket.data.ctx;
      const ok = typeof videoId === "string" && !!(await findVideoForWorkspace(getDb(), ctx.workspace.id, videoId));
      if (ok) await socket.join(videoRoom(videoId));
      ack?.(ok);
    });
    socket.on("video.unsubscribe", (videoId) => void socket.leave(videoRoom(String(videoId))));
  });

  setRealtimeServer(io as unknown as Server);

  let unlisten: (() => Promise<void>) | undefined;
  if (opts.listenAcrossProcesses) {
    const sub = await getSql().listen(REALTIME_CHANNEL, (msg) => {
      try {
        deliverLocally(io as unknown as Server, JSON.parse(msg) as Envelope);
      } catch (err) {
        logger.warn({ err }, "bad realtime message");
      }
    });
    unlisten = () => sub.unlisten();
  }

  return {
    io,
    async close() {
      setRealtimeServer(undefined);
      await unlisten?.();
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}
