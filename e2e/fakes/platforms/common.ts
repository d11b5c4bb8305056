/**
 * Core of the social platform fakes: a node:http server on 127.0.0.1:0 with a request log,
 * one-shot or repeating faults per route, and helpers for OAuth codes with PKCE (S256).
 */
import http from "node:http";
import { EventEmitter } from "node:events";
import type { AddressInfo, Socket } from "node:net";
import { createHash, randomBytes } from "node:crypto";

export interface Req {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  raw: Buffer;
  /** JSON or form body parsed to an object ({} when neither). */
  body: Record<string, unknown>;
}

export interface Res {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Buffer;
  /** Never answer (a stuck upload; the socket closes only when the client goes away or the fake closes). */
  hang?: boolean;
}

export interface Fault {
  /** Route id (e.g. "init", "publish", "upload"). */
  route: string;
  res: Res;
  /** Fires this many times then clears; default 1. */
  times?: number;
}

export interface PlatformFake {
  baseUrl: string;
  requests: Array<{ method: string; path: string; query: string; body: Record<string, unknown> }>;
  faults: Fault[];
  /** Queue a fault for the next call(s) of a route. */
  fail(route: string, res: Res, times?: number): void;
  /** Every access token issued so far stops working (the platform's own 401 answer). */
  expireAccessTokens(): void;
  /** Emits "request" ({ method, path }) as each request arrives, before it is answered. */
  events: EventEmitter;
  close(): Promise<void>;
}

export type Handler = (req: Req, route: (id: string) => Res | null) => Promise<Res> | Res;

export const id = (prefix = "") => `${prefix}${randomBytes(9).toString("base64url")}`;

export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export async function startPlatformServer(handler: Handler, onExpire: () => void, port = 0): Promise<PlatformFake> {
  const sockets = new Set<Socket>();
  const fake: PlatformFake = {
    baseUrl: "",
    requests: [],
    faults: [],
    fail(route, res, times = 1) {
      fake.faults.push({ route, res, times });
    },
    expireAccessTokens: onExpire,
    events: new EventEmitter(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const takeFault = (route: string): Res | null => {
    const f = fake.faults.find((x) => x.route === route);
    if (!f) return null;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) fake.faults.splice(fake.faults.indexOf(f), 1);
    return f.res;
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const u = new URL(req.url ?? "/", "http://x");
    let body: Record<string, unknown> = {};
    const ct = String(req.headers["content-type"] ?? "");
    if (ct.includes("json") && raw.length) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        body = {};
      }
    } else if ((ct.includes("x-www-form-urlencoded") || (!ct && raw.length && !req.url?.includes("/upload"))) && raw.length) {
      body = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    } else if (ct.includes("text/plain") && raw.length) {
      // fetch sends URLSearchParams bodies as form data; other text is left alone.
      body = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    }
    fake.requests.push({ method: req.method ?? "GET", path: u.pathname, query: u.search, body });
    fake.events.emit("request", { method: req.method ?? "GET", path: u.pathname });
    let out: Res;
    try {
      // Readiness probe for the e2e web server runner (e2e/fakes/platforms/serve.ts).
      if (u.pathname === "/__health") out = { status: 200, body: { ok: true } };
      else out = await handler({ method: req.method ?? "GET", path: u.pathname, query: u.searchParams, headers: req.headers, raw, body }, takeFault);
    } catch (e) {
      out = { status: 500, body: { error: String(e) } };
    }
    if (out.hang) return;
    const headers: Record<string, string> = { ...(out.headers ?? {}) };
    let payload: Buffer | undefined = out.raw;
    if (!payload && out.body !== undefined) {
      payload = Buffer.from(JSON.stringify(out.body));
      headers["content-type"] ??= "application/json; charset=UTF-8";
    }
    res.writeHead(out.status, headers);
    res.end(payload);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

export function bearer(req: Req): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ""));
  return m ? m[1] : null;
}

/** An authorize endpoint that consents at once: redirects back with a code bound to the PKCE challenge. */
export function autoConsent(req: Req, codes: Map<string, { challenge: string | null; redirectUri: string; clientId: string }>, clientParam: string): Res {
  const redirect = req.query.get("redirect_uri");
  const state = req.query.get("state");
  if (!redirect || !state) return { status: 400, body: { error: "invalid_request", error_description: "redirect_uri and state are required" } };
  const code = id("code_");
  codes.set(code, { challenge: req.query.get("code_challenge"), redirectUri: redirect, clientId: req.query.get(clientParam) ?? "" });
  const u = new URL(redirect);
  u.searchParams.set("code", code);
  u.searchParams.set("state", state);
  return { status: 302, headers: { location: u.toString() } };
}
