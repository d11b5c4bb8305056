/**
 * `npm run mcp` / `npx avs mcp`: the MCP server over stdio for a local agent (Claude Desktop,
 * an IDE). It runs the studio's services in this process, as the workspace of AVS_API_KEY,
 * against DATABASE_URL, or, when that is unset, the embedded database of a running
 * `npm run dev` (its URL is in .data/database-url). It starts like a web process with
 * WORKER=off (lib/bootstrap: secret, migrations, a send-only job engine): videos it creates
 * are rendered by the app's worker. Stdout carries only the protocol, so console output goes to
 * stderr and the JSON logger is silenced (pino writes to fd 1).
 */
import fs from "node:fs";
import path from "node:path";
export async function runStdio(env: Record<string, string | undefined>): Promise<void> {
  process.env.LOG_LEVEL = "silent";
  console.log = console.error;
  console.info = console.error;
  const key = env.AVS_API_KEY;
  if (!key) {
    process.stderr.write("Set AVS_API_KEY to an API key of the workspace the agent should act in (Settings → API keys).\n");
    process.exitCode = 2;
    return;
  }
  if (!process.env.DATABASE_URL) {
    const file = path.resolve(process.env.DATA_DIR ?? ".data", "database-url");
    if (!fs.existsSync(file)) {
      process.stderr.write("Set DATABASE_URL, or start the studio first (`npm run dev`) so its database URL is in .data/database-url.\n");
      process.exitCode = 2;
      return;
    }
    process.env.DATABASE_URL = fs.readFileSync(file, "utf8").trim();
  }
  process.env.WORKER = "off";
  const { bootstrap } = await import("@/lib/bootstrap");
  const runtime = await bootstrap({ role: "web" });
  const { contextForApiKey } = await import("@/lib/auth/context");
  const ctx = await contextForApiKey(key);
  if (!ctx) {
    process.stderr.write("AVS_API_KEY is not a valid API key for this database (DATABASE_URL); create one in Settings → API keys.\n");
    process.exitCode = 2;
    await runtime.stop();
    return;
  }
  const { StdioServerTransport } = await import("@modelcontextprotocol/sdk/server/stdio.js");
  const { createStudioMcpServer } = await import("./server");
  const server = createStudioMcpServer(ctx);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = () => resolve();
  });
  await server.connect(new StdioServerTransport());
  process.stderr.write(`avs MCP server on stdio, workspace "${ctx.workspace.name}".\n`);
  await closed;
  await runtime.stop();
}
