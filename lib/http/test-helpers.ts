/** Calling real route handlers in tests: a Request, the route context Next would pass, an API key. */
import { createApiKey } from "@/lib/auth/api-keys";
import type { AuthContext } from "@/lib/auth/context";
import type { GuardedRoute } from "./handler";

export const BASE = "http://studio.test";

export async function keyFor(ctx: AuthContext): Promise<string> {
  return (await createApiKey(ctx.workspace.id, ctx.user.id, "test")).key;
}

export interface CallOpts {
  key?: string;
  body?: unknown;
  rawBody?: string | ReadableStream<Uint8Array>;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  query?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected field by field
export async function call(route: GuardedRoute, path: string, o: CallOpts = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.key) headers.authorization = `Bearer ${o.key}`;
  let body: BodyInit | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) {
    body = JSON.stringify(o.body);
    headers["content-type"] ??= "application/json";
  }
  const init: RequestInit & { duplex?: "half" } = { method: route.spec.method, headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  const res = await route(new Request(`${BASE}/api/v1${path}${o.query ? `?${o.query}` : ""}`, init), { params: Promise.resolve(o.params ?? {}) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}
