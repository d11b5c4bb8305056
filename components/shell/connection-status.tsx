"use client";
/**
 * Offline / reconnecting indicator for the app shell, and the resync after a reconnect.
 *
 * Two signals: the browser's online/offline events (the network is gone) and the socket.io
 * connection (the live-status channel is gone, e.g. the server restarted). While either is down
 * a banner says so, so a frozen progress bar is never mistaken for a stuck render. When both are
 * back, every cached query is refetched and the server components are refreshed once: whatever
 * happened meanwhile (a video finished, a campaign ran) shows without a reload.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { getSocket } from "@/lib/realtime/client";
import { useToast } from "@/components/ui/toast";

function subscribeOnline(cb: () => void) {
  window.addEventListener("online", cb);
  window.addEventListener("offline", cb);
  return () => {
    window.removeEventListener("online", cb);
    window.removeEventListener("offline", cb);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
}

type SocketState = "connecting" | "connected" | "reconnecting";

function useSocketState(): SocketState {
  const [state, setState] = useState<SocketState>("connecting");
  useEffect(() => {
    const s = getSocket();
    if (s.connected) setState("connected");
    const up = () => setState("connected");
    const down = () => setState("reconnecting");
    s.on("connect", up);
    s.on("disconnect", down);
    s.on("connect_error", down);
    return () => {
      s.off("connect", up);
      s.off("disconnect", down);
      s.off("connect_error", down);
    };
  }, []);
  return state;
}

export function ConnectionStatus() {
  const online = useOnline();
  const socket = useSocketState();
  const qc = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const wasDown = useRef(false);
  const healthy = online && socket === "connected";

  useEffect(() => {
    if (!online || socket === "reconnecting") {
      wasDown.current = true;
      return;
    }
    if (healthy && wasDown.current) {
      wasDown.current = false;
      void qc.invalidateQueries();
      router.refresh();
      toast("Back online — live status resumed.", "success");
    }
  }, [online, socket, healthy, qc, router, toast]);

  // Nudge the socket the moment the network returns instead of waiting out its backoff.
  useEffect(() => {
    if (!online) return;
    const s = getSocket();
    if (!s.connected) s.connect();
  }, [online]);

  if (healthy || socket === "connecting") {
    if (online) return null;
  }
  const text = !online
    ? "You are offline. Actions will fail until the connection is back; live status is paused."
    : "Reconnecting to live updates…";
  return (
    <div
      role="status"
      data-testid="connection-status"
      data-state={!online ? "offline" : "reconnecting"}
      className="flex items-center gap-2 border-b border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-900 sm:px-8 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <span aria-hidden className="inline-block h-2 w-2 shrink-0 animate-pulse rounded-full bg-amber-500" />
      {text}
    </div>
  );
}
