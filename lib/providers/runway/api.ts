/**
 * Runway developer API: HTTP only. `Authorization: Bearer <secret>` + `X-Runway-Version`.
 * Source: @runwayml/sdk 4.20.1 (core, resources/tasks.d.ts, organization.d.ts), read 2026-11-30.
 */
import { DEFAULT_REQUEST_TIMEOUT_MS, MALFORMED, extractMessage, httpError, joinUrl, requestJson, type JsonResponse } from "@/lib/providers/http";
import { ProviderError, type ProviderContext } from "@/lib/providers/types";
import { isRec } from "./transform";

export const RUNWAY_DEFAULT_BASE_URL = "https://api.dev.runwayml.com";
export const RUNWAY_API_VERSION = "2024-11-06";

function errorFrom(res: JsonResponse, what: string, k: string): ProviderError {
  const j = res.json === MALFORMED ? undefined : res.json;
  let msg = extractMessage(j);
  if (isRec(j) && Array.isArray(j.issues)) {
    const issues = j.issues.filter(isRec).map((i) => `${Array.isArray(i.path) ? i.path.join(".") : ""}: ${String(i.message ?? "")}`);
    if (issues.length) msg = `${msg ?? "invalid request"} (${issues.join("; ")})`;
  }
  const budget = res.status === 402 || /enough credits|insufficient credit|out of credits/i.test(msg ?? "");
  return httpError({ provider: "runway", what, status: res.status, headers: res.headers, message: msg, secrets: [k], kind: budget ? "budget" : undefined });
}

export function runwayApi(ctx: ProviderContext, opts: { timeoutMs?: number } = {}) {
  async function call(method: "GET" | "POST" | "DELETE", path: string, what: string, body?: unknown) {
    const k = ctx.credentials.apiKey;
    if (!k) throw new ProviderError("runway", "permanent", "Runway API secret (RUNWAYML_API_SECRET) is not configured. Add it in Settings → Providers.");
    const res = await requestJson({
      provider: "runway",
      method,
      url: joinUrl(ctx.credentials.baseUrl || RUNWAY_DEFAULT_BASE_URL, path),
      headers: { authorization: `Bearer ${k}`, "x-runway-version": ctx.credentials.apiVersion || RUNWAY_API_VERSION },
      body,
      timeoutMs: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      signal: ctx.signal,
      secrets: [k],
      what,
    });
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, what, k);
    return res.json === MALFORMED ? undefined : res.json;
  }
  return {
    create: (path: string, body: unknown, what = "create task") => call("POST", path, what, body),
    task: (id: string) => call("GET", `/v1/tasks/${encodeURIComponent(id)}`, "task status"),
    cancel: (id: string) => call("DELETE", `/v1/tasks/${encodeURIComponent(id)}`, "cancel task"),
    organization: () => call("GET", "/v1/organization", "connection test"),
  };
}
