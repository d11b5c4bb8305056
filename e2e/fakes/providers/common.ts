/**
 * Shared core of the provider fakes: a node:http server on 127.0.0.1:0 with a request log,
 * switchable failure modes, a scripted job state machine (N polls → terminal) and a real MP4
 * served from the fake's own host under signed, expirable URLs.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";

export type FaultKind =
  /** 429 with Retry-After (`retryAfter`, default "1"; "" = no header). */
  | "rate_limit"
  /** 503 (or `status`). */
  | "server_error"
  /** Never answers: the client must time out. */
  | "hang"
  /** 200 with a truncated JSON body. */
  | "malformed"
  /** Out of credits/quota in the provider's own words. */
  | "budget"
  /** Content moderation / validation rejection. */
  | "moderation";

export interface Fault {
  kind: FaultKind;
  /** How many times it fires before clearing itself; default: forever. */
  times?: number;
  retryAfter?: string;
  status?: number;
}

export interface FakeMode {
  /** Status polls answered with a non-terminal status before the terminal one. */
  pollsBeforeDone: number;
  /** Terminal outcome of jobs created from now on. */
  outcome: "success" | "failure" | "moderation";
  /** Jobs created from now on never finish. */
  stuck: boolean;
  submitFault: Fault | null;
  pollFault: Fault | null;
  /** Fault for any other authenticated endpoint (lists, organization, quota). */
  otherFault: Fault | null;
  /** The next N result downloads answer 403 (expired signed URL). */
  expiredDownloads: number;
  /** Chaos timing knob: answer an accepted submit this many ms late (the job exists already,
   * like a slow gateway), so a kill can land mid-submit. Unset: answer at once. */
  submitDelayMs?: number;
}

export const DEFAULT_MODE: FakeMode = {
  pollsBeforeDone: 2,
  outcome: "success",
  stuck: false,
  submitFault: null,
  pollFault: null,
  otherFault: null,
  expiredDownloads: 0,
};

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  rawBody: string;
  at: number;
}

export interface FakeServer {
  baseUrl: string;
  requests: LoggedRequest[];
  mode: FakeMode;
  setMode(patch: Partial<FakeMode>): void;
  /** Back to DEFAULT_MODE, clears the request log (jobs are kept). */
  reset(): void;
  close(): Promise<void>;
}

export interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  rawBody: string;
}

export type Handler = (c: Ctx) => void | Promise<void>;

// ---------------------------------------------------------------------------------------------
// Sample MP4

let sampleCache: Buffer | undefined;

/**
 * The tiny MP4 every fake serves: e2e/fakes/sample.mp4 when present, otherwise generated once
 * with ffmpeg (FFMPEG_PATH or `ffmpeg`) into a temp dir.
 */
export function sampleMp4(): Buffer {
  if (sampleCache) return sampleCache;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const committed = path.resolve(here, "..", "sample.mp4");
  if (existsSync(committed)) {
    sampleCache = readFileSync(committed);
    return sampleCache;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "fake-mp4-"));
  const out = path.join(dir, "sample.mp4");
  execFileSync(process.env.FFMPEG_PATH || "ffmpeg", [
    "-hide_banner", "-loglevel", "error", "-y",
    "-f", "lavfi", "-i", "testsrc=size=160x90:rate=10",
    "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=22050",
    "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "32k",
    "-movflags", "+faststart", "-shortest", out,
  ]);
  sampleCache = readFileSync(out);
  return sampleCache;
}

// ---------------------------------------------------------------------------------------------
// Responses

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendMalformed(res: http.ServerResponse): void {
  const text = '{"data": {"status": "proc';
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Consumes one firing of a fault; returns it when it fires. */
export function takeFault(mode: FakeMode, field: "submitFault" | "pollFault" | "otherFault"): Fault | null {
  const f = mode[field];
  if (!f) return null;
  if (f.times !== undefined) {
    if (f.times <= 0) {
      mode[field] = null;
      return null;
    }
    f.times -= 1;
    if (f.times === 0) mode[field] = null;
  }
  return f;
}

/** Writes the generic part of a fault (hang / 429 / 5xx / malformed). Returns false for kinds the provider renders itself. */
export function writeGenericFault(c: Ctx, f: Fault, errorBody: (status: number, message: string) => unknown): boolean {
  switch (f.kind) {
    case "hang":
      return true; // leave the request open
    case "malformed":
      sendMalformed(c.res);
      return true;
    case "rate_limit": {
      const headers: Record<string, string> = {};
      const ra = f.retryAfter ?? "1";
      if (ra !== "") headers["retry-after"] = ra;
      sendJson(c.res, 429, errorBody(429, "Too many requests"), headers);
      return true;
    }
    case "server_error":
      sendJson(c.res, f.status ?? 503, errorBody(f.status ?? 503, "Service temporarily unavailable"));
      return true;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Jobs

export interface FakeJob {
  id: string;
  polls: number;
  outcome: FakeMode["outcome"];
  stuck: boolean;
  pollsBeforeDone: number;
  cancelled: boolean;
  params: unknown;
  callbackUrl?: string;
  createdAt: number;
  /** Set when the terminal state was first reported. */
  finishedNotified?: boolean;
}

export type Phase = "queued" | "running" | "success" | "failure" | "moderation" | "cancelled";

export function newJob(id: string, mode: FakeMode, params: unknown, callbackUrl?: string): FakeJob {
  return {
    id,
    polls: 0,
    outcome: mode.outcome,
    stuck: mode.stuck,
    pollsBeforeDone: mode.pollsBeforeDone,
    cancelled: false,
    params,
    callbackUrl,
    createdAt: Date.now(),
  };
}

/** Current phase without advancing. */
export function phaseOf(job: FakeJob): Phase {
  if (job.cancelled) return "cancelled";
  if (job.stuck || job.polls <= job.pollsBeforeDone) return job.polls <= 1 ? "queued" : "running";
  return job.outcome;
}

/** Advances the job by one poll and returns its phase. */
export function advance(job: FakeJob): Phase {
  job.polls += 1;
  return phaseOf(job);
}

export function isTerminal(p: Phase): boolean {
  return p === "success" || p === "failure" || p === "moderation" || p === "cancelled";
}

// ---------------------------------------------------------------------------------------------
// Server

export interface StartOptions {
  /** Routes; return false when nothing matched (→ 404). */
  route: (c: Ctx, fake: FakeServer) => boolean | Promise<boolean>;
  /** 404 body in the provider's own envelope. */
  notFound: (c: Ctx) => void;
  /** Media path prefix served by the fake (e.g. "/media/"). */
  mediaPrefix?: string;
}

export async function startFakeServer(o: StartOptions): Promise<FakeServer & { mediaUrl(jobId: string): string }> {
  const sockets = new Set<Socket>();
  const mediaPrefix = o.mediaPrefix ?? "/media/";
  const fake = {
    baseUrl: "",
    requests: [] as LoggedRequest[],
    mode: structuredClone(DEFAULT_MODE) as FakeMode,
    setMode(patch: Partial<FakeMode>) {
      Object.assign(fake.mode, structuredClone(patch));
    },
    reset() {
      fake.mode = structuredClone(DEFAULT_MODE);
      fake.requests.length = 0;
    },
    close: async () => {},
    mediaUrl(jobId: string) {
      return `${fake.baseUrl}${mediaPrefix}${encodeURIComponent(jobId)}.mp4?sig=${randomBytes(8).toString("hex")}&Expires=${Math.floor(Date.now() / 1000) + 3600}`;
    },
  };

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const ch of req) chunks.push(ch as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: unknown = undefined;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    }
    const u = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(u.searchParams.entries());
    const c: Ctx = { req, res, method: req.method ?? "GET", path: u.pathname, query, body, rawBody };
    fake.requests.push({ method: c.method, path: c.path, query, headers: req.headers, body, rawBody, at: Date.now() });
    try {
      if (c.method === "GET" && c.path.startsWith(mediaPrefix)) {
        if (fake.mode.expiredDownloads > 0) {
          fake.mode.expiredDownloads -= 1;
          res.writeHead(403, { "content-type": "application/xml" });
          res.end("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
          return;
        }
        const mp4 = sampleMp4();
        res.writeHead(200, { "content-type": "video/mp4", "content-length": mp4.length });
        res.end(mp4);
        return;
      }
      if (c.method === "OPTIONS") {
        res.writeHead(204);
        res.end();
        return;
      }
      const handled = await o.route(c, fake);
      if (!handled) o.notFound(c);
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { error: `fake crashed: ${(e as Error).message}` });
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}

/** POSTs JSON to a callback URL (best effort; returns the HTTP status or 0). */
export async function postCallback(url: string, rawBody: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const r = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: rawBody,
      signal: AbortSignal.timeout(5000),
    });
    await r.arrayBuffer().catch(() => undefined);
    return r.status;
  } catch {
    return 0;
  }
}

export function header(c: Ctx, name: string): string | undefined {
  const v = c.req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
