/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that guard each route
 * (`defineRoute` specs), so the document cannot drift from what the API enforces.
 * OpenAPI 3.1 schemas are JSON Schema 2020-12, which is what `z.toJSONSchema` emits.
 * Spec: https://spec.openapis.org/oas/v3.1.0 (read 2026-11-30).
 */
import { z } from "zod";
import type { RouteSpec } from "@/lib/http/handler";
import { errorBodySchema } from "@/lib/http/respond";
import { WEBHOOK_EVENTS } from "@/lib/webhooks";

type JsonSchema = Record<string, unknown>;

export const API_PREFIX = "/api/v1";

export const OPENAPI_ROUTE_SPEC: RouteSpec = {
  method: "GET", path: "/openapi.json", tag: "Meta", summary: "This OpenAPI 3.1 document", public: true,
};

function toSchema(s: z.ZodType): JsonSchema {
  const j = z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as JsonSchema;
  delete j.$schema;
  return j;
}

/** `{ id: z.string() }` → one OpenAPI parameter per property. */
function parametersOf(s: z.ZodType | undefined, where: "path" | "query"): JsonSchema[] {
  if (!s) return [];
  const j = toSchema(s);
  const props = (j.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((j.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return {
      name,
      in: where,
      required: where === "path" ? true : required.has(name) && !("default" in rest),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

function operationId(spec: RouteSpec): string {
  const words = spec.path.split("/").filter(Boolean).map((w) => (w.startsWith("{") ? "By" + w.slice(1, -1) : w));
  const camel = words.map((w) => w.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ""))).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  return spec.method.toLowerCase() + camel;
}

const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per minute for this workspace's API keys.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the current window.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
};
const retryAfter = { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } };

const err = (description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function responsesOf(spec: RouteSpec): Record<string, unknown> {
  const ok = String(spec.status ?? 200);
  const out: Record<string, unknown> = {
    [ok]: {
      description: "Success.",
      headers: spec.public ? undefined : rateLimitHeaders,
      content: { "application/json": { schema: spec.response ? toSchema(spec.response) : { type: ["object", "array"] } } },
    },
  };
  if (spec.idempotent && ok === "201") out["200"] = { description: "Replay: the video first created with this Idempotency-Key.", content: { "application/json": { schema: { type: "object" } } } };
  if (spec.public) return { ...out, "500": err("Unexpected server error.") };
  Object.assign(out, {
    "400": err("The request is invalid; `error.issues` lists each field."),
    "401": err("No valid session or API key."),
    "403": err("The caller's role may not do this, or a cross-site browser request was refused."),
    "429": err("Too many requests for this workspace's API keys.", retryAfter),
    "500": err("Unexpected server error."),
    "503": err("The database or a dependency is unavailable.", retryAfter),
  });
  if (spec.params) out["404"] = err(`${spec.resource ?? "The resource"} does not exist in this workspace (or the id is malformed).`);
  if (spec.body) {
    out["413"] = err("The body is larger than this endpoint accepts.");
    out["415"] = err("Browser-session calls must send `Content-Type: application/json`.");
  }
  if (spec.idempotent) out["409"] = err("The Idempotency-Key was already used with a different body.");
  return out;
}

/**
 * The outbound webhook contract (lib/webhooks): the envelope recordEvent builds, each event's
 * `data`, the headers attemptDelivery sends, and a fixed signature vector receivers can test
 * their verifier against (the same vector lib/webhooks/sign.test.ts pins, computed with
 * `printf '%s' "<t>.<body>" | openssl dgst -sha256 -hmac <secret>`).
 */
export const WEBHOOK_SIGNATURE_VECTOR = {
  secret: "whsec_test_4f9c2a1b7d",
  timestamp: 1796000000,
  body: '{"id":"evt_1","type":"video.completed","data":{"id":"v_1","status":"completed"}}',
  header: "t=1796000000,v1=a113697b3ffc1992cbb3e5c1dcce124d50a04f0a94d58b854732f3c195317282",
} as const;

const WEBHOOK_VIDEO_DATA: JsonSchema = {
  type: "object",
  description: "The video as GET /api/v1/videos/{id} shows it; `urls` are absolute and the media URLs are signed (valid 7 days).",
  required: ["id", "title", "status"],
  properties: {
    id: { type: "string", format: "uuid" }, title: { type: "string" },
    status: { enum: ["completed", "failed", "timeout", "cancelled"] }, error: { type: ["string", "null"] },
    provider: { type: ["string", "null"] }, durationSeconds: { type: ["number", "null"] }, costCents: { type: ["integer", "null"] },
    createdAt: { type: "string", format: "date-time" }, completedAt: { type: ["string", "null"], format: "date-time" },
    urls: { type: "object", additionalProperties: { type: ["string", "null"] } },
  },
};
const WEBHOOK_DATA: Record<string, JsonSchema> = {
  "video.completed": WEBHOOK_VIDEO_DATA,
  "video.failed": WEBHOOK_VIDEO_DATA,
  "budget.alert": {
    type: "object", required: ["period", "threshold", "spentCents", "capCents"],
    properties: { period: { enum: ["daily", "monthly"] }, threshold: { enum: [75, 90], description: "Percent of the cap reached." }, spentCents: { type: "integer" }, capCents: { type: "integer" } },
  },
};

function webhooksSection(): Record<string, unknown> {
  const headers = [
    { name: "X-Avs-Event", in: "header", required: true, schema: { type: "string" }, description: "The event type (same as `type`)." },
    { name: "X-Avs-Delivery", in: "header", required: true, schema: { type: "string", format: "uuid" }, description: "The delivery id; retries of one delivery keep it (deduplicate on it)." },
    {
      name: "X-Avs-Signature", in: "header", required: true, schema: { type: "string", pattern: "^t=\\d+,v1=[0-9a-f]{64}$" },
      description: "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<raw body>\" with the endpoint secret>`. Recompute over the raw body, compare in constant time, refuse t older than 5 minutes.",
      examples: { vector: { summary: "Fixed test vector", value: WEBHOOK_SIGNATURE_VECTOR.header, description: `secret ${WEBHOOK_SIGNATURE_VECTOR.secret}, body ${WEBHOOK_SIGNATURE_VECTOR.body}` } },
    },
  ];
  return Object.fromEntries(
    WEBHOOK_EVENTS.map((event) => [
      event,
      {
        post: {
          summary: `Delivered to your endpoint on ${event}`,
          description: "Signed with the endpoint's secret (see X-Avs-Signature). Retried with exponential backoff up to 6 attempts until your endpoint answers 2xx.",
          parameters: headers,
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  required: ["id", "type", "createdAt", "workspaceId", "data"],
                  properties: {
                    id: { type: "string", description: "Event id (hex)." },
                    type: { const: event },
                    createdAt: { type: "string", format: "date-time" },
                    workspaceId: { type: "string", format: "uuid" },
                    data: WEBHOOK_DATA[event] ?? { type: "object" },
                  },
                },
              },
            },
          },
          responses: { "2XX": { description: "Any 2xx acknowledges the delivery; anything else is retried with backoff." } },
          "x-signature-test-vector": WEBHOOK_SIGNATURE_VECTOR,
        },
      },
    ]),
  );
}

export function buildOpenApi(specs: RouteSpec[], opts: { serverUrl?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const spec of [...specs, OPENAPI_ROUTE_SPEC]) {
    tags.add(spec.tag);
    const parameters = [...parametersOf(spec.params, "path"), ...parametersOf(spec.query, "query")];
    if (spec.idempotent) {
      parameters.push({
        name: "Idempotency-Key", in: "header", required: false,
        description: "Makes a retried create safe: same key and body → the first result; same key, other body → 409.",
        schema: { type: "string", minLength: 1, maxLength: 200 },
      });
    }
    const op: Record<string, unknown> = {
      operationId: operationId(spec),
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: !spec.bodyOptional,
              description: `JSON, at most ${spec.bodyLimitBytes ?? 64 * 1024} bytes.`,
              content: {
                "application/json": { schema: toSchema(spec.body) },
                ...(spec.textBody ? { [spec.textBody.contentType]: { schema: { type: "string", description: `The \`${spec.textBody.field}\` field sent as the whole body.` } } } : {}),
              },
            },
          }
        : {}),
      responses: responsesOf(spec),
      ...(spec.public ? { security: [] } : {}),
      ...(spec.roles ? { "x-roles": spec.roles } : {}),
      ...(spec.sessionOnly ? { "x-session-only": true } : {}),
      ...(spec.list ? { "x-list-items": spec.list } : {}),
    };
    const p = API_PREFIX + spec.path;
    paths[p] ??= {};
    paths[p][spec.method.toLowerCase()] = op;
  }
  const sortedPaths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
  return {
    openapi: "3.1.0",
    info: {
      title: "Avatar Video Studio API",
      version: "1.0.0",
      description:
        "Create presenter videos from scripts or research, follow them, and manage budgets, campaigns and webhooks. " +
        "Authenticate with `Authorization: Bearer <API key>` (Settings → API keys). Timestamps are ISO 8601 in UTC; money is integer cents. " +
        "Lists take `limit` and `cursor` and return `nextCursor` (null on the last page). Errors are `{ error: { code, message, issues? } }`.",
    },
    servers: [{ url: opts.serverUrl ?? "/" }],
    security: [{ apiKey: [] }, { session: [] }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: sortedPaths,
    webhooks: webhooksSection(),
    components: {
      schemas: { Error: toSchema(errorBodySchema) },
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key from Settings → API keys." },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The dashboard session; unsafe methods also need a same-origin Origin header and JSON." },
      },
    },
  };
}
