/**
 * Wakes a worker that is waiting between provider polls for one video (a provider callback
 * said it may be done). Within a process it is an event on globalThis (Next.js and server.ts
 * hold separate module copies); across processes it travels as a PostgreSQL NOTIFY.
 */
import { EventEmitter } from "node:events";
import { getSql } from "@/db/client";
import { logger } from "@/lib/logger";
import type { Sleep } from "@/lib/providers/rate-limit";

export const WAKE_CHANNEL = "avs_wake";
const g = globalThis as unknown as { __avsWake?: EventEmitter };
const bus = (g.__avsWake ??= new EventEmitter().setMaxListeners(0));

export async function wakeVideo(videoId: string, opts: { crossProcess: boolean }): Promise<void> {
  bus.emit(videoId);
  if (!opts.crossProcess) return;
  try {
    await getSql().notify(WAKE_CHANNEL, videoId);
  } catch (err) {
    logger.warn({ err, videoId }, "wake notify failed; the worker will poll on its own schedule");
  }
}

/** Re-emits wake-ups sent by other processes (real PostgreSQL only). */
export async function listenForWakeUps(): Promise<() => Promise<void>> {
  const sub = await getSql().listen(WAKE_CHANNEL, (videoId) => bus.emit(videoId));
  return () => sub.unlisten();
}

/** A sleep for the poll loop of one video that ends early when that video is woken. */
export function wakeableSleep(videoId: string, base: Sleep): Sleep {
  return (ms, signal) => {
    const early = new AbortController();
    const onWake = () => early.abort();
    bus.once(videoId, onWake);
    const onAbort = () => early.abort();
    signal?.addEventListener("abort", onAbort, { once: true });
    return base(ms, early.signal)
      .catch((err) => {
        // Our own early abort means "woken"; the caller's abort is re-thrown as before.
        if (signal?.aborted) throw err;
      })
      .finally(() => {
        bus.off(videoId, onWake);
        signal?.removeEventListener("abort", onAbort);
      });
  };
}
