/**
 * Kling HTTP. Current endpoints use an API key (`Authorization: Bearer <key>`); the legacy
 * /v1/videos/* endpoints take an HS256 JWT built from the AccessKey/SecretKey pair.
 * Source: aself101/kling-api docs/api/kling-get-started-authentication.md (Kling's page
 * https://kling.ai/document-api/api/get-started/authentication, fetched 2026-09-20; read 2026-11-30).
 */
import { createHmac } from "node:crypto";
import { DEFAULT_REQUEST_TIMEOUT_MS, MALFORMED, extractMessage, httpError, joinUrl, malformed, requestJson, type JsonResponse } from "@/lib/providers/http";
import { ProviderError, type ProviderContext, type ProviderErrorKind } from "@/lib/providers/types";
import { JWT_ONLY_MESSAGE, discontinuedMessage } from "./models";
import { AVATAR_PATH, TTS_PATH, isRec } from "./transform";

export const KLING_DEFAULT_BASE_URL = "https://api-singapore.klingai.com";

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** HS256 JWT as Kling's legacy sample builds it. `nowSec` is injectable for tests. */
export function klingJwt(accessKey: string, secretKey: string, nowSec = Math.floor(Date.now() / 1000), ttlSec = 1800): string {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({ iss: accessKey, exp: nowSec + ttlSec, nbf: nowSec - 5 }));
  const sig = createHmac("sha256", secretKey).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${sig}`;
}

function kindForCode(code: number | undefined, status: number): ProviderErrorKind | undefined {
  if (code === undefined) return undefined;
  if (code === 1101 || code === 1102) return "budget";
  if (code === 1302 || code === 1303) return "rate_limited";
  if (code === 1100 || code === 1103 || code === 1304) return "permanent";
  if (code >= 1000 && code <= 1004) return "permanent";
  if (code >= 1200 && code <= 1301) return "permanent";
  if (code >= 5000 && code <= 5002) return "retryable";
  return status >= 500 ? "retryable" : undefined;
}

function errorFrom(res: JsonResponse, what: string, secrets: string[]): ProviderError {
  const j = res.json === MALFORMED ? undefined : res.json;
  const code = isRec(j) && typeof j.code === "number" ? j.code : undefined;
  let message = extractMessage(j);
  const gone = message && /model '([^']+)' has been discontinued/i.exec(message);
  if (gone) message = discontinuedMessage(gone[1]);
  const e = httpError({
    provider: "kling",
    what,
    status: res.status,
    headers: res.headers,
    message: message ? `${message}${code !== undefined && !gone ? ` (code ${code})` : ""}` : undefined,
    secrets,
    kind: gone ? "permanent" : kindForCode(code, res.status),
  });
  // Kling's concurrency 429s carry no Retry-After: back off at least 1 s.
  if (e.kind === "rate_limited" && e.retryAfterMs === undefined) {
    return new ProviderError("kling", "rate_limited", e.message, { retryAfterMs: 1000, httpStatus: res.status });
  }
  return e;
}

export type KlingAuth = "api_key" | "jwt";

export function klingApi(ctx: ProviderContext, opts: { timeoutMs?: number } = {}) {
  const c = ctx.credentials;
  async function call(auth: KlingAuth, method: "GET" | "POST", path: string, what: string, body?: unknown): Promise<Record<string, unknown>> {
    let token: string;
    let secrets: string[];
    if (auth === "api_key") {
      if (!c.apiKey) throw new ProviderError("kling", "permanent", c.accessKey ? JWT_ONLY_MESSAGE : "Kling API key is not configured. Add it in Settings → Providers.");
      token = c.apiKey;
      secrets = [c.apiKey];
    } else {
      if (!c.accessKey || !c.secretKey) throw new ProviderError("kling", "permanent", "Kling legacy endpoints need the access key and secret key.");
      token = klingJwt(c.accessKey, c.secretKey);
      secrets = [c.accessKey, c.secretKey, token];
    }
    const res = await requestJson({
      provider: "kling",
      method,
      url: joinUrl(c.baseUrl || KLING_DEFAULT_BASE_URL, path),
      headers: { authorization: `Bearer ${token}` },
      body,
      timeoutMs: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: ctx.signal,
      secrets,
      what,
    });
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, what, secrets);
    if (res.json === MALFORMED || !isRec(res.json)) throw malformed("kling", what);
    if (res.json.code !== 0) throw errorFrom({ ...res, status: 400 }, what, secrets);
    return res.json;
  }
  return {
    create: (auth: KlingAuth, path: string, body: unknown) => call(auth, "POST", path, "create task", body),
    /** Current: GET /tasks?task_ids=<id>. */
    tasks: (id: string) => call("api_key", "GET", `/tasks?task_ids=${encodeURIComponent(id)}`, "task query"),
    /** A zero-cost authenticated probe (a lookup of a task id that does not exist). */
    probe: () => call("api_key", "GET", `/tasks?external_task_ids=${encodeURIComponent("avs-connection-check")}`, "connection test"),
    /** Avatar: TTS first (the answer carries the audio), then the avatar task and its lookup. */
    tts: (body: unknown) => call("api_key", "POST", TTS_PATH, "text to speech", body),
    createAvatar: (body: unknown) => call("api_key", "POST", AVATAR_PATH, "create avatar task", body),
    avatarTask: (id: string) => call("api_key", "GET", `${AVATAR_PATH}/${encodeURIComponent(id)}`, "avatar task query"),
    legacyTask: (family: string, id: string) => call("jwt", "GET", `/v1/videos/${family}/${encodeURIComponent(id)}`, "task query"),
  };
}
