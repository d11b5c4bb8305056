import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { decode } from "next-auth/jwt";
import { contextForUser, WORKSPACE_COOKIE } from "@/lib/auth/context";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { getDb, getSql } from "@/db/client";
import { logger } from "@/lib/logger";
import { appUrl } from "@/lib/env";
import { deliverLocally, setRealtimeServer, type Envelope } from "./emit";
import { catchUpSince, replayVideoUpdates } from "./catch-up";
import { REALTIME_CHANNEL, videoRoom, workspaceRoom, type ClientToServerEvents, type ServerToClientEvents } from "./events";

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/**
 * The origins the app is served from: APP_URL (or NEXTAUTH_URL), and the same port on
 * localhost and 127.0.0.1 so a developer can use either name.
 */
export function appOrigins(): string[] {
  const out = new Set<string>();
  for (const raw of [appUrl(), process.env.NEXTAUTH_URL]) {
    if (!raw) continue;
    try {
      const u = new URL(raw);
      out.add(u.origin);
      if (u.hostname === "localhost" || u.hostname === "127.0.0.1") {
        for (const host of ["localhost", "127.0.0.1"]) out.add(`${u.protocol}//${host}${u.port ? `:${u.port}` : ""}`);
      }
    } catch {
      // env validation reports bad URLs at start
    }
  }
  return [...out];
}

/**
 * Cross-site WebSocket hijacking guard: browsers always send Origin on a WebSocket and on a
 * cross-origin poll, so a page on another origin (another port of this site included) is
 * refused before the cookie is looked at. No Origin means a same-origin poll or a non-browser
 * client, which still needs the session cookie.
 */
export function originAllowed(origin: string | undefined, allowed: string[]): boolean {
  if (!origin) return true;
  return allowed.includes(origin);
}

/** Attaches socket.io to the HTTP server; the handshake is authenticated from the next-auth cookie. */
export async function attachRealtime(
  http: HttpServer,
  opts: { listenAcrossProcesses: boolean; allowedOrigins?: string[]; /** Tests wait on this instead of sleeping. */ onReplayed?: (count: number) => void },
) {
  const allowed = opts.allowedOrigins ?? appOrigins();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: "/socket.io",
    serveClient: false,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req.headers.origin, allowed);
      if (!ok) logger.warn({ origin: req.headers.origin }, "socket.io handshake from a foreign origin refused");
      callback(ok ? null : "origin not allowed", ok);
    },
  });

  io.use(async (socket, next) => {
    try {
      const cookies = parseCookies(socket.handshake.headers.cookie);
      const raw = cookies["__Secure-next-auth.session-token"] ?? cookies["next-auth.session-token"];
      const token = raw ? await decode({ token: raw, secret: process.env.APP_SECRET! }) : null;
      const uid = token?.uid as string | undefined;
      // The session's version is checked like every HTTP request's: a password reset ends live
      // status for sessions issued before it, too.
      const ctx = uid ? await contextForUser(uid, cookies[WORKSPACE_COOKIE], { version: typeof token?.sv === "number" ? token.sv : 0 }) : null;
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
    // When we last knew the LISTEN connection was up: refreshed on every message and listen.
    let lastAlive = new Date();
    let listens = 0;
    const sub = await getSql().listen(
      REALTIME_CHANNEL,
      (msg) => {
        lastAlive = new Date();
        try {
          deliverLocally(io as unknown as Server, JSON.parse(msg) as Envelope);
        } catch (err) {
          logger.warn({ err }, "bad realtime message");
        }
      },
      () => {
        // Called on the first listen and again each time postgres.js re-listens after a drop.
        const now = new Date();
        const since = catchUpSince(lastAlive, now);
        lastAlive = now;
        if (listens++ === 0) return;
        void replayVideoUpdates(io as unknown as Server, since)
          .then((n) => {
            logger.info({ replayed: n, since }, "realtime listener reconnected; replayed video states");
            opts.onReplayed?.(n);
          })
          .catch((err) => logger.warn({ err }, "realtime catch-up failed"));
      },
    );
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
