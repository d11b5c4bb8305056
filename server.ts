/**
 * The one process: Next.js, socket.io on the same HTTP server, the job worker, and (when
 * DATABASE_URL is unset) the embedded PostgreSQL. `WORKER=off` leaves the worker to
 * `npm run worker` processes.
 */
import http from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { bootstrap } from "@/lib/bootstrap";
import { attachRealtime } from "@/lib/realtime/server";
import { logger } from "@/lib/logger";
import { warmAvatarPreviews } from "@/lib/videos/avatar-previews";
import { SEED_AVATARS } from "@/db/seed-data";
import { surviveDatabaseOutages } from "@/lib/jobs/survive-outage";

// A database restart must not end the web process either (lib/jobs/survive-outage.ts).
surviveDatabaseOutages();

function isLoopback(addr: string): boolean {
  return addr === "::1" || addr.startsWith("127.") || addr.startsWith("::ffff:127.");
}

async function main() {
  const e = env();
  const dev = e.NODE_ENV !== "production";
  const runtime = await bootstrap({ role: "web" });
  process.env.NEXTAUTH_URL ??= e.APP_URL ?? `http://localhost:${e.PORT}`;

  const app = next({ dev, hostname: "localhost", port: e.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    // The client address sign-in throttling keys on: set here from the socket, never taken
    // from a header the client wrote. A reverse proxy on this machine (loopback peer) appends
    // the real client as the last X-Forwarded-For entry; trust only that one.
    const peer = req.socket.remoteAddress ?? "";
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",").pop()?.trim();
    req.headers["x-avs-client-ip"] = isLoopback(peer) && forwarded ? forwarded : peer;
    void handle(req, res);
  });
  // Idle keep-alive sockets outlive any client's or proxy's own idle timeout (Node's 5 s default
  // let a client reuse a socket the server was closing: ECONNRESET on a plain GET in CI).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Embedded mode is one process; only a real PostgreSQL has separate workers to listen to.
  const realtime = await attachRealtime(server, { listenAcrossProcesses: !runtime.embedded });

  // Loopback by default (HOST=127.0.0.1): a dev server is not offered to the whole network.
  await new Promise<void>((resolve) => server.listen(e.PORT, e.HOST, resolve));
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : e.PORT;
  logger.info(`Avatar Video Studio ready on http://localhost:${port} (${dev ? "development" : "production"}; listening on ${e.HOST})`);
  // Render the carousel's presenter previews once, in the background, so the first visit to
  // Create shows every face (they are cached in storage afterwards). Web-only processes of a
  // scaled deployment leave rendering to workers and make previews on first request instead.
  if (e.WORKER === "on") void warmAvatarPreviews(SEED_AVATARS.map((a) => a.slug)).catch((err) => logger.warn({ err }, "preview warm-up failed"));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing running jobs");
    server.close();
    await realtime.close();
    await runtime.stop();
    await app.close?.();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((err) => {
  logger.error({ err }, "failed to start");
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
