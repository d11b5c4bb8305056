// `npm run mcp`: the MCP server over stdio (lib/mcp/stdio.ts); same as `npx avs mcp`.
import { runStdio } from "@/lib/mcp/stdio";

await runStdio(process.env);
