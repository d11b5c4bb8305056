import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny harness for research-source fakes: one node:http server per source on 127.0.0.1:0,
 * a failure mode switch, and a log of received requests (method, path, headers, body).
 */

export type FakeMode =
  | "ok"
  /** Every request is rate limited (429/403 with the source's reset headers / Retry-After). */
  | "rate_limited"
  /** The next request is rate limited, then back to ok. */
  | "rate_limited_once"
  /** Every request gets a 5xx. */
  | "server_error"
  /** The next request gets a 5xx, then back to ok. */
  | "server_error_once"
  /** 200 with a body that is not the source's format. */
  | "malformed"
  /** Accepts the request and never answers (for timeout tests). */
  | "hang";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface FakeContext {
  /** Fake's clock in ms (shared with tests so reset headers are exact). */
  now: () => number;
  baseUrl: string;
}

export interface FakeDefinition {
  name: string;
  /** Normal answer. */
  ok(req: RecordedRequest, url: URL, res: ServerResponse, ctx: FakeContext): void;
  rateLimited(res: ServerResponse, ctx: FakeContext): void;
  malformed(res: ServerResponse, ctx: FakeContext): void;
  serverError?(res: ServerResponse, ctx: FakeContext): void;
  /** Requests the failure modes do not apply to (e.g. Reddit's token endpoint). */
  exempt?(url: URL): boolean;
}

export interface RunningFake {
  url: string;
  setMode(mode: FakeMode): void;
  mode(): FakeMode;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export function send(res: ServerResponse, status: number, body: string, headers: Record<string, string | number> = {}) {
  res.writeHead(status, { "Content-Length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}) {
  send(res, status, JSON.stringify(body), { "Content-Type": "application/json; charset=utf-8", ...headers });
}

export async function startFake(def: FakeDefinition, now: () => number): Promise<RunningFake> {
  let mode: FakeMode = "ok";
  const requests: RecordedRequest[] = [];
  const ctx: FakeContext = { now, baseUrl: "" };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", ctx.baseUrl);
      const rec: RecordedRequest = {
        method: req.method ?? "GET",
        path: url.pathname + url.search,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(rec);
      try {
        if (def.exempt?.(url)) return def.ok(rec, url, res, ctx);
        switch (mode) {
          case "ok":
            return def.ok(rec, url, res, ctx);
          case "rate_limited_once":
            mode = "ok";
            return def.rateLimited(res, ctx);
          case "rate_limited":
            return def.rateLimited(res, ctx);
          case "server_error_once":
            mode = "ok";
            return (def.serverError ?? defaultServerError)(res, ctx);
          case "server_error":
            return (def.serverError ?? defaultServerError)(res, ctx);
          case "malformed":
            return def.malformed(res, ctx);
          case "hang":
            return; // never answer
        }
      } catch (err) {
        send(res, 500, `fake ${def.name} crashed: ${(err as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  ctx.baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: ctx.baseUrl,
    setMode: (m) => {
      mode = m;
    },
    mode: () => mode,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function defaultServerError(res: ServerResponse) {
  send(res, 503, "<html><body><h1>503 Service Unavailable</h1></body></html>", { "Content-Type": "text/html" });
}

export function xmlEscape(s: string): string {
  return s.replace(/&(?!#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function rfc822(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}
