/** MCP over streamable HTTP; everything is in lib/mcp/http.ts. */
import { handleMcpRequest } from "@/lib/mcp/http";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handleMcpRequest;
export const GET = handleMcpRequest;
export const DELETE = handleMcpRequest;
