/**
 * THE front door of /api/v1 (ARCHITECTURE §3.1). `defineRoute(spec, handler)` gives a Next
 * route handler that, in this order:
 *  1. resolves the caller: `Authorization: Bearer <key>` → the key's workspace, else the
 *     session cookie (and then refuses cross-site unsafe calls: Origin + JSON, see csrf.ts);
 *  2. rate-limits API keys per workspace (RateLimit-* headers on every API-key answer);
 *  3. checks the role, and `sessionOnly` operations (minting API keys);
 *  4. parses path params (a malformed id is 404), query and body with the spec's zod schemas,
 *     after a per-route body-size limit and a walk that refuses NUL and int32-overflowing numbers;
 *  5. maps every error to one shape (respond.ts), database errors included.
 * The spec is attached to the handler (`.spec`), so the OpenAPI document is generated from the
 * very schemas that guard the route, and a test can walk every route file.
 */
import { z } from "zod";
import type { Role } from "@/db/schema";
import { bearerToken, contextForApiKey, unauthorized, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { readCapped } from "./body";
import { checkCookieRequest } from "./csrf";
import { apiKeyLimiter, rateLimitHeaders, type RateLimitState } from "./rate-limit";
import { errorResponse, zodToAppError } from "./respond";
import { beginIdempotent, failIdempotent, finishIdempotent, type IdempotencyScope } from "./idempotency-store";
import { findUnsafeJson } from "./schemas";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Default body cap: API bodies are small JSON documents; scripts are 10k characters at most. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** OpenAPI path under /api/v1, e.g. "/videos/{id}" (checked against the file path by a test). */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  /** Roles allowed; default: any member. */
  roles?: Role[];
  /** Only a signed-in session may do this (not an API key). */
  sessionOnly?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** The body may be absent (treated as `{}`). */
  bodyOptional?: boolean;
  bodyLimitBytes?: number;
  /** Status of a success (default 200). */
  status?: number;
  /** Response schema, for the document. */
  response?: z.ZodType;
  /**
   * Accepts an `Idempotency-Key` header on a create: the factory stores the first answer and
   * replays it (idempotency-store.ts), unless `idempotency: "service"` says the service keeps
   * the key on its own rows (videos, batches) and the handler uses `idempotencyKey` itself.
   */
  idempotent?: boolean;
  idempotency?: "service";
  /**
   * A list: the name of its items array. Lists answer `{ <list>: [...], nextCursor }`, take
   * `limit` and `cursor` (pageQuery) and page with `paginate` (schemas.ts).
   */
  list?: string;
  /** What the resource is called in a 404 ("Video"). */
  resource?: string;
  /** No caller needed (set by definePublicRoute). */
  public?: boolean;
  /**
   * Also accept a raw text body of this media type (batch manifests as `text/csv`): it arrives
   * as `{ [field]: text }`, parsed by the same body schema. API keys only: a cookie call must
   * still send JSON (csrf.ts), which is the CSRF defence.
   */
  textBody?: { contentType: string; field: string };
}

export interface HandlerInput<P, Q, B> {
  req: Request;
  ctx: AuthContext;
  params: P;
  query: Q;
  body: B;
  /** The JSON body as sent (for services that parse it themselves with the same schema). */
  rawBody: unknown;
  idempotencyKey: string | null;
}

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type GuardedRoute = ((req: Request, routeCtx: RouteContext) => Promise<Response>) & { spec: RouteSpec };

/** A JSON answer with a status chosen at run time (201 created vs 200 replayed). */
export function reply(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return Response.json(body, { status, headers });
}

async function resolveCaller(req: Request): Promise<AuthContext | null> {
  const key = bearerToken(req.headers.get("authorization"));
  if (key) return contextForApiKey(key);
  // Loaded lazily: next-auth and next/headers are only needed for cookie sessions.
  const { getContext } = await import("@/lib/auth/session");
  return getContext();
}

async function readLimited(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than this endpoint accepts (${limit} bytes). Send less.`, { limitBytes: limit });
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const bytes = await readCapped(req.body, limit, tooLarge);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body is not valid UTF-8.");
  }
}

function mediaTypeOf(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

async function parseBody(req: Request, spec: RouteSpec): Promise<unknown> {
  const text = await readLimited(req, spec.bodyLimitBytes ?? DEFAULT_BODY_LIMIT);
  if (spec.textBody && mediaTypeOf(req) === spec.textBody.contentType) {
    if (text.includes("\u0000")) throw new AppError("bad_request", "The body contains a NUL (\\u0000) character.");
    return { [spec.textBody.field]: text };
  }
  if (!text.trim()) {
    if (spec.bodyOptional) return {};
    throw new AppError("bad_request", "This endpoint needs a JSON body; see /api/v1/openapi.json for its fields.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON.");
  }
  const bad = findUnsafeJson(json);
  if (bad) throw new AppError("bad_request", `${bad.path} ${bad.problem}.`, { issues: [{ path: bad.path, message: bad.problem }] });
  return json;
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw zodToAppError(r.error, where);
  return r.data;
}

function queryObject(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(req.url).searchParams) out[k] = v;
  return out;
}

async function appUrlOrUndefined(): Promise<string | undefined> {
  try {
    const { appUrl } = await import("@/lib/env");
    return appUrl();
  } catch {
    return undefined;
  }
}

export function defineRoute<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>,
): GuardedRoute {
  const route = async (req: Request, routeCtx: RouteContext): Promise<Response> => {
    let limitState: RateLimitState | null = null;
    const extra = () => (limitState ? rateLimitHeaders(limitState) : {});
    try {
      const viaKey = bearerToken(req.headers.get("authorization")) !== null;
      if (!viaKey) {
        const refused = checkCookieRequest(req, { appUrl: await appUrlOrUndefined(), jsonBody: !!spec.body });
        if (refused) throw refused;
      }
      const ctx = await resolveCaller(req);
      if (!ctx) throw unauthorized();
      if (ctx.via === "api_key") {
        limitState = apiKeyLimiter.hit(ctx.workspace.id);
        if (!limitState.allowed) {
          throw new AppError("rate_limited", `This workspace sent more than ${limitState.limit} API requests this minute; wait ${limitState.resetSeconds} s.`, {
            retryAfterSeconds: limitState.resetSeconds,
          });
        }
      }
      if (spec.sessionOnly && ctx.via !== "session") {
        throw new AppError("forbidden", "API keys cannot do this; sign in to the dashboard (Settings) as an owner or admin.");
      }
      if (spec.roles && !spec.roles.includes(ctx.role)) {
        throw new AppError("forbidden", `This needs the ${spec.roles.join(" or ")} role in ${ctx.workspace.name}; ask an owner.`);
      }

      const rawParams = (await routeCtx?.params) ?? {};
      let params: unknown = rawParams;
      if (spec.params) {
        const r = spec.params.safeParse(rawParams);
        // A malformed id cannot name anything that exists: 404, the same as a missing one.
        if (!r.success) throw new AppError("not_found", `${spec.resource ?? "Resource"} not found.`);
        params = r.data;
      }
      const query = spec.query ? parseWith(spec.query, queryObject(req), "query") : {};
      let rawBody: unknown = undefined;
      let body: unknown = undefined;
      if (spec.body) {
        rawBody = await parseBody(req, spec);
        body = parseWith(spec.body, rawBody, "body");
      }
      let idempotencyKey: string | null = null;
      if (spec.idempotent) {
        idempotencyKey = req.headers.get("idempotency-key");
        if (idempotencyKey !== null && (!idempotencyKey.trim() || idempotencyKey.length > 200 || [...idempotencyKey].some((c) => c.charCodeAt(0) < 0x20))) {
          throw new AppError("bad_request", "Idempotency-Key must be 1–200 printable characters (a UUID is a good choice).");
        }
      }

      const scope: IdempotencyScope | null =
        idempotencyKey !== null && spec.idempotency !== "service" ? { workspaceId: ctx.workspace.id, operation: `${spec.method} ${spec.path}`, key: idempotencyKey } : null;
      if (scope) {
        const replay = await beginIdempotent(scope, { params, query, body: rawBody ?? null });
        if (replay) {
          for (const [k, v] of Object.entries(extra())) replay.headers.set(k, v);
          return replay;
        }
      }
      let res: Response;
      try {
        const result = await handler({
          req, ctx, params: params as z.output<P>, query: query as z.output<Q>, body: body as z.output<B>, rawBody, idempotencyKey,
        });
        res = result instanceof Response ? result : Response.json(result ?? null, { status: spec.status ?? 200 });
      } catch (err) {
        if (scope) await failIdempotent(scope);
        throw err;
      }
      if (scope) await finishIdempotent(scope, res);
      for (const [k, v] of Object.entries(extra())) res.headers.set(k, v);
      return res;
    } catch (err) {
      return errorResponse(err, extra());
    }
  };
  return Object.assign(route, { spec: spec as unknown as RouteSpec });
}

/** A route anyone may call (the OpenAPI document): no caller, same error shape, same `.spec`. */
export function definePublicRoute(spec: Omit<RouteSpec, "roles" | "sessionOnly">, handler: (req: Request) => Promise<unknown>): GuardedRoute {
  const route = async (req: Request): Promise<Response> => {
    try {
      const result = await handler(req);
      return result instanceof Response ? result : Response.json(result ?? null, { status: spec.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
  return Object.assign(route, { spec: { ...spec, public: true } as RouteSpec });
}
