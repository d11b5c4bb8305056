/**
 * The MCP server driven by the official SDK's own Client: in memory (the tool layer) and over
 * real streamable HTTP on an ephemeral port with a real API key (the /api/mcp handler).
 * Videos are rendered by the real pipeline (processVideo) before the status is read.
 *
 * Mutations tried (each made a test here fail):
 * - server.ts create_video: `idempotencyKey: a.idempotencyKey` dropped → the replay with the
 *   same key makes a second video (ids differ).
 * - http.ts: the `if (!ctx)` 401 branch disabled → a bad key answers 500, not 401.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFor } from "@/lib/http/test-helpers";
import { newWorkspace } from "@/lib/testing/fixtures";
import { processVideo } from "@/lib/videos/process";
import type { AuthContext } from "@/lib/auth/context";
import { handleMcpRequest } from "./http";
import { MCP_TOOL_NAMES, createStudioMcpServer } from "./server";

type ToolResult = { isError?: boolean; structuredContent?: Record<string, unknown>; content: { type: string; text?: string }[] };

async function inMemoryClient(ctx: AuthContext): Promise<Client> {
  const [a, b] = InMemoryTransport.createLinkedPair();
  await createStudioMcpServer(ctx).connect(a);
  const client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(b);
  return client;
}

describe("MCP server (in memory, SDK client)", () => {
  let ctx: AuthContext;
  let client: Client;
  beforeAll(async () => {
    ctx = await newWorkspace();
    client = await inMemoryClient(ctx);
  });
  afterAll(() => client?.close());

  it("lists the tools with input schemas", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([...MCP_TOOL_NAMES].sort());
    const create = tools.find((t) => t.name === "create_video")!;
    expect(create.inputSchema.required).toEqual(expect.arrayContaining(["title", "script", "presenter"]));
  });

  // Rendering is real; on a loaded 2-core machine it can pass a minute (a budget, not a sleep).
  it("creates a video, it renders, and video_status reads it completed; list and estimate agree", { timeout: 240_000 }, async () => {
    const presenters = (await client.callTool({ name: "list_presenters", arguments: {} })) as ToolResult;
    expect((presenters.structuredContent!.presenters as { slug: string }[]).map((p) => p.slug)).toContain("sarah");
    const est = (await client.callTool({ name: "estimate_video", arguments: { script: "Hello from an agent.", presenter: "sarah" } })) as ToolResult;
    expect(est.isError).toBeFalsy();

    const r = (await client.callTool({ name: "create_video", arguments: { title: "Agent made", script: "Hello from an agent. Two short sentences.", presenter: "sarah", idempotencyKey: "mcp-1" } })) as ToolResult;
    expect(r.isError).toBeFalsy();
    const video = r.structuredContent!.video as { id: string; status: string };
    expect(video.status).toBe("queued");
    // The same key returns the same video.
    const again = (await client.callTool({ name: "create_video", arguments: { title: "Agent made", script: "Hello from an agent. Two short sentences.", presenter: "sarah", idempotencyKey: "mcp-1" } })) as ToolResult;
    expect((again.structuredContent!.video as { id: string }).id).toBe(video.id);
    expect(again.structuredContent!.created).toBe(false);

    await processVideo(video.id);
    const s = (await client.callTool({ name: "video_status", arguments: { id: video.id } })) as ToolResult;
    expect(s.structuredContent).toMatchObject({ id: video.id, status: "completed" });
    expect((s.structuredContent!.urls as { video: string }).video).toBe(`/api/media/videos/${video.id}`);

    const list = (await client.callTool({ name: "list_videos", arguments: { limit: 10 } })) as ToolResult;
    expect((list.structuredContent!.videos as { id: string }[]).map((v) => v.id)).toContain(video.id);

    // Another workspace's agent cannot see it.
    const other = await inMemoryClient(await newWorkspace());
    const hidden = (await other.callTool({ name: "video_status", arguments: { id: video.id } })) as ToolResult;
    expect(hidden.isError).toBe(true);
    expect(hidden.content[0].text).toMatch(/not_found/);
    await other.close();
  });

  it("bad input is a tool error saying what to do", async () => {
    const r = (await client.callTool({ name: "create_video", arguments: { title: "x", script: "Hi.", presenter: "nobody" } })) as ToolResult;
    expect(r.isError).toBe(true);
    expect(r.content[0].text).toMatch(/Unknown presenter "nobody"/);
  });
});

describe("MCP over streamable HTTP (/api/mcp)", () => {
  let server: http.Server;
  let url: URL;
  beforeAll(async () => {
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const r = await handleMcpRequest(new Request(new URL(req.url ?? "/", "http://127.0.0.1"), {
        method: req.method, headers: req.headers as Record<string, string>, body: chunks.length ? Buffer.concat(chunks) : undefined,
      }));
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/mcp`);
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("with an API key: lists tools, creates a video, reads its status", async () => {
    const ctx = await newWorkspace();
    const key = await keyFor(ctx);
    const client = new Client({ name: "http-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${key}` } } }));
    expect((await client.listTools()).tools.length).toBe(MCP_TOOL_NAMES.length);
    const r = (await client.callTool({ name: "create_video", arguments: { title: "Over HTTP", script: "Made over streamable HTTP.", presenter: "mike" } })) as ToolResult;
    const id = (r.structuredContent!.video as { id: string }).id;
    const s = (await client.callTool({ name: "video_status", arguments: { id } })) as ToolResult;
    expect(s.structuredContent).toMatchObject({ id, status: "queued", title: "Over HTTP" });
    await client.close();
  });

  it("without a valid key: 401 with WWW-Authenticate, never a server", async () => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", authorization: "Bearer avs_not_a_key" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }) });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect((await res.json()).error.message).toMatch(/API key/);
  });
});
