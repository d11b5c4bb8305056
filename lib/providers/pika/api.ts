/**
 * Pika via fal.ai: HTTP only. `Authorization: Key <FAL_KEY>`; the key goes only to the configured
 * fal origin (job URLs returned by fal are checked before the key is sent there).
 * Source: fal-ai/fal-js libs/client/src/queue.ts, request.ts (shared/providers/pika.md, 2026-11-21).
 */
import { DEFAULT_REQUEST_TIMEOUT_MS, MALFORMED, extractMessage, httpError, requestJson, type JsonResponse } from "@/lib/providers/http";
import { ProviderError, type ProviderContext, type ProviderCredentials } from "@/lib/providers/types";
import { FAL_DEFAULT_BASE_URL } from "./transform";

export const falBase = (c: ProviderCredentials) => c.baseUrl || FAL_DEFAULT_BASE_URL;

export function falErrorFrom(res: JsonResponse, what: string, k: string): ProviderError {
  const j = res.json === MALFORMED ? undefined : res.json;
  const msg = extractMessage(j);
  // fal locks accounts whose balance is exhausted (403 "...balance..."/"locked").
  const budget = (res.status === 402 || res.status === 403) && /balance|credit|locked|billing/i.test(msg ?? "");
  return httpError({ provider: "pika", what, status: res.status, headers: res.headers, message: msg, secrets: [k], kind: budget ? "budget" : undefined });
}

export function falApi(ctx: ProviderContext, opts: { timeoutMs?: number } = {}) {
  function key(): string {
    const k = ctx.credentials.apiKey;
    if (!k) throw new ProviderError("pika", "permanent", "fal API key (FAL_KEY) is not configured. Add it in Settings → Providers.");
    return k;
  }
  /** The key goes only to the configured fal host, never to a URL on another origin. */
  function checkOrigin(url: string): string {
    let ok = false;
    try {
      ok = new URL(url).origin === new URL(falBase(ctx.credentials)).origin;
    } catch {
      ok = false;
    }
    if (!ok) throw new ProviderError("pika", "permanent", "fal returned a job URL on an unexpected host; refusing to send the key there");
    return url;
  }
  async function call(method: "GET" | "POST" | "PUT", url: string, what: string, body?: unknown) {
    const k = key();
    const res = await requestJson({
      provider: "pika",
      method,
      url,
      headers: { authorization: `Key ${k}` },
      body,
      timeoutMs: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: ctx.signal,
      secrets: [k],
      what,
    });
    return { res, k };
  }
  return {
    base: () => falBase(ctx.credentials),
    submit: (url: string, body: unknown) => call("POST", url, "submit", body),
    status: (url: string) => call("GET", checkOrigin(url), "status"),
    result: (url: string) => call("GET", checkOrigin(url), "result"),
    cancel: (url: string) => call("PUT", checkOrigin(url), "cancel"),
    probe: (url: string) => call("GET", url, "connection test"),
  };
}
