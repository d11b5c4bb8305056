/**
 * Web process B of the chaos suite: what `WORKER=off` server.ts runs for live status — an HTTP
 * server with socket.io attached, hearing other processes' events by PostgreSQL LISTEN — without
 * Next.js (the suite must not run `next build`). It prints `port=<n>` once listening. Videos are
 * created in web process A (the suite's own process) and worked by separate workers; a browser
 * connected here must still see their status live.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { attachRealtime } from "@/lib/realtime/server";

async function main() {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  await attachRealtime(server, { listenAcrossProcesses: true, allowedOrigins: [] });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  console.log(`port=${(server.address() as AddressInfo).port}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
