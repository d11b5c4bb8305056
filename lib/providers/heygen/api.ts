/**
 * HeyGen v3 HTTP calls (the only API version: v1/v2 were retired 2026-10-31 per
 * developers.heygen.com "endpoint version comparison"). Auth `x-api-key` and the error envelope
 * {error:{code,message}} as in heygen-com/heygen-cli internal/client/client.go and
 * internal/errors/api_error.go (commit 7699a8e, 2026-07-22; read 2026-11-30).
 */
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  MALFORMED,
  extractMessage,
  httpError,
  joinUrl,
  malformed,
  requestJson,
  type JsonResponse,
} from "@/lib/providers/http";
import { ProviderError, type ProviderContext, type ProviderErrorKind } from "@/lib/providers/types";
import { isRec } from "./transform";

export const HEYGEN_DEFAULT_BASE_URL = "https://api.heygen.com";

const BUDGET_CODES = new Set(["insufficient_credit", "insufficient_credits", "insufficient_balance", "quota_exceeded", "payment_required"]);
const AUTH_CODES = new Set(["invalid_api_key", "unauthorized", "authentication_failed"]);

function errorFrom(res: JsonResponse, what: string, key: string): ProviderError {
  const j = res.json === MALFORMED ? undefined : res.json;
  const code = isRec(j) && isRec(j.error) ? String(j.error.code ?? "") : "";
  let kind: ProviderErrorKind | undefined;
  if (BUDGET_CODES.has(code) || res.status === 402) kind = "budget";
  else if (res.status === 429 || code === "rate_limit_exceeded") kind = "rate_limited";
  else if (AUTH_CODES.has(code) || res.status === 410) kind = "permanent";
  let message = extractMessage(j);
  if (res.status === 410) message = `${message ?? "endpoint retired"} — this studio only calls HeyGen v3; check the base URL in Settings → Providers`;
  return httpError({ provider: "heygen", what, status: res.status, headers: res.headers, message, secrets: [key], kind });
}

export interface HeygenApi {
  createVideo(body: unknown, idempotencyKey: string): Promise<unknown>;
  getVideo(id: string): Promise<unknown>;
  me(): Promise<unknown>;
  looks(token?: string): Promise<unknown>;
  voices(token?: string, filter?: { language: string; gender: string }): Promise<unknown>;
}

export function heygenApi(ctx: ProviderContext, opts: { timeoutMs?: number } = {}): HeygenApi {
  const key = ctx.credentials.apiKey;
  const base = ctx.credentials.baseUrl || HEYGEN_DEFAULT_BASE_URL;
  async function call(method: "GET" | "POST", path: string, what: string, body?: unknown, headers: Record<string, string> = {}) {
    if (!key) throw new ProviderError("heygen", "permanent", "HeyGen API key is not configured. Add it in Settings → Providers.");
    const res = await requestJson({
      provider: "heygen",
      method,
      url: joinUrl(base, path),
      headers: { "x-api-key": key, ...headers },
      body,
      timeoutMs: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: ctx.signal,
      secrets: [key],
      what,
    });
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, what, key);
    if (res.json === MALFORMED || !isRec(res.json)) throw malformed("heygen", what);
    if (isRec(res.json.error)) throw errorFrom({ ...res, status: 400 }, what, key);
    return res.json;
  }
  const page = (token?: string) => `limit=100${token ? `&token=${encodeURIComponent(token)}` : ""}`;
  return {
    createVideo: (body, idem) => call("POST", "/v3/videos", "create video", body, { "idempotency-key": idem }),
    getVideo: (id) => call("GET", `/v3/videos/${encodeURIComponent(id)}`, "video status"),
    me: () => call("GET", "/v3/users/me", "account"),
    looks: (token) => call("GET", `/v3/avatars/looks?${page(token)}`, "list avatar looks"),
    voices: (token, filter) =>
      call("GET", `/v3/voices?${page(token)}${filter ? `&language=${encodeURIComponent(filter.language)}&gender=${encodeURIComponent(filter.gender)}` : ""}`, "list voices"),
  };
}
