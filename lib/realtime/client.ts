"use client";
/** The browser side of the realtime contract: one socket per tab, typed events, a small hook. */
import { useEffect, useRef } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, EventName, EventPayload, ServerToClientEvents } from "./events";

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

export function getSocket(): Socket<ServerToClientEvents, ClientToServerEvents> {
  socket ??= io({ path: "/socket.io", withCredentials: true, transports: ["websocket", "polling"] });
  return socket;
}

/**
 * Calls `handler` for every `event` pushed to this workspace (and, with `videoId`, joins that
 * video's room). The handler may change between renders without resubscribing.
 */
export function useRealtime<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void, videoId?: string): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const s = getSocket();
    const listener = (p: EventPayload<E>) => ref.current(p);
    s.on(event, listener as never);
    const join = () => videoId && s.emit("video.subscribe", videoId);
    join();
    s.on("connect", join);
    return () => {
      s.off(event, listener as never);
      s.off("connect", join);
      if (videoId) s.emit("video.unsubscribe", videoId);
    };
  }, [event, videoId]);
}
