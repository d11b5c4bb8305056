/**
 * MCP over streamable HTTP (spec 2025-06-18, "Streamable HTTP" transport,
 * https://modelcontextprotocol.io/specification/2025-06-18/basic/transports, read 2026-11-30),
 * stateless: each POST gets a fresh server and transport bound to the caller's API key, so no
 * session state lives in a web process (any number of them can answer). JSON responses, no SSE
 * stream: every tool here answers in one response. Auth is the API key as Bearer, rate-limited
 * like the REST API; a browser session is not accepted (an agent is not a browser).
 */
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { bearerToken, contextForApiKey, unauthorized } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { apiKeyLimiter, rateLimitHeaders } from "@/lib/http/rate-limit";
import { errorResponse } from "@/lib/http/respond";
import { createStudioMcpServer } from "./server";

export async function handleMcpRequest(req: Request): Promise<Response> {
  let headers: Record<string, string> = {};
  try {
    const key = bearerToken(req.headers.get("authorization"));
    const ctx = key ? await contextForApiKey(key) : null;
    if (!ctx) {
      const e = unauthorized();
      return errorResponse(new AppError(e.code, "Send an API key as `Authorization: Bearer <key>` (Settings → API keys)."), { "WWW-Authenticate": 'Bearer realm="avs-mcp"' });
    }
    const limit = apiKeyLimiter.hit(ctx.workspace.id);
    headers = rateLimitHeaders(limit);
    if (!limit.allowed) {
      throw new AppError("rate_limited", `This workspace sent more than ${limit.limit} API requests this minute; wait ${limit.resetSeconds} s.`, { retryAfterSeconds: limit.resetSeconds });
    }
    if (req.method !== "POST") {
      // Stateless: no server-initiated stream to GET, no session to DELETE.
      return Response.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: POST JSON-RPC messages to this endpoint." }, id: null }, { status: 405, headers: { ...headers, Allow: "POST" } });
    }
    const server = createStudioMcpServer(ctx);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    const res = await transport.handleRequest(req);
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    // The response body is complete (JSON mode); the per-request server can go.
    void res.clone().arrayBuffer().finally(() => server.close());
    return res;
  } catch (err) {
    return errorResponse(err, headers);
  }
}
