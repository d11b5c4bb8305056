/**
 * The README's API examples run (issue 16): every `curl` line in the README's REST API, batch and
 * conventions blocks is parsed (headers, -d / --data-binary @file, URL) and sent, as the same
 * Request, to the in-process /api/v1 route handler its URL names, in order, as a user would paste
 * them: `$KEY` is a real API key, `<id>`, `<batch-id>` and `<nextCursor>` are taken from the
 * previous answers, and `cat > file <<'X'` heredocs provide the files. Each must answer 2xx. So a
 * renamed field, a moved route or a stale date in the README fails here.
 *
 * Mutation tried: the README's create example with `"avatarProfileId"` renamed to `"presenter"`
 * → "body.avatarProfileId: Invalid input" 400 here. (Its batch example used to carry
 * 2026-12-01T09:30:00Z, which this test would have refused from that morning on.)
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthContext } from "@/lib/auth/context";
import { openApiPathOf } from "@/lib/api/route-files";
import type { GuardedRoute } from "@/lib/http/handler";
import { keyFor } from "@/lib/http/test-helpers";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createEndpoint } from "@/lib/webhooks";
import { processVideo } from "@/lib/videos/process";
import { ROUTE_MODULES } from "./routes";

const README = path.resolve(import.meta.dirname, "../../../README.md");

/** Examples outside /api/v1 are not run here, each with why (a new one must be listed). */
const NOT_RUN: Record<string, string> = {
  "/api/media/videos/<id>": "media download: served by app/api/media with the request-scoped session helper; the CLI's download test covers it",
};

interface Curl {
  line: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Splits a shell line into words: single and double quotes, no expansions besides ours. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote: string | null = null;
  let any = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      any = true;
    } else if (/\s/.test(ch)) {
      if (cur || any) out.push(cur);
      cur = "";
      any = false;
    } else if (ch === "#" && !cur) break;
    else cur += ch;
  }
  if (cur || any) out.push(cur);
  return out;
}

/** The API section's bash blocks: heredoc files and curl commands, in order. */
function examples(readme: string): { files: Record<string, string>; curls: Curl[] } {
  const start = readme.indexOf("**REST API**");
  const end = readme.indexOf("**MCP server**");
  expect(start, "README has a REST API section").toBeGreaterThan(0);
  const section = readme.slice(start, end);
  const files: Record<string, string> = {};
  const curls: Curl[] = [];
  for (const block of section.matchAll(/```bash\n([\s\S]*?)```/g)) {
    const lines = block[1].replace(/\\\n\s*/g, " ").split("\n");
    for (let i = 0; i < lines.length; i++) {
      const here = /^cat > (\S+) <<'(\w+)'$/.exec(lines[i].trim());
      if (here) {
        const body: string[] = [];
        for (i++; i < lines.length && lines[i] !== here[2]; i++) body.push(lines[i]);
        files[here[1]] = body.join("\n") + "\n";
        continue;
      }
      const w = words(lines[i]);
      if (w[0] !== "curl") continue;
      const c: Curl = { line: lines[i].trim(), method: "GET", url: "", headers: {} };
      for (let j = 1; j < w.length; j++) {
        if (w[j] === "-H") {
          const [k, ...v] = w[++j].split(":");
          c.headers[k.trim().toLowerCase()] = v.join(":").trim();
        } else if (w[j] === "-d" || w[j] === "--data-binary") {
          c.body = w[++j];
          c.method = "POST";
        } else if (w[j].startsWith("http")) c.url = w[j];
        else if (!w[j].startsWith("-")) throw new Error(`README curl: unknown word ${w[j]} in ${lines[i]}`);
      }
      curls.push(c);
    }
  }
  return { files, curls };
}

function routeFor(pathname: string): { mod: Record<string, unknown>; params: Record<string, string> } | null {
  for (const [file, mod] of Object.entries(ROUTE_MODULES)) {
    const template = "/api/v1" + openApiPathOf(file);
    const names: string[] = [];
    const re = new RegExp("^" + template.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), "([^/]+)")) + "$");
    const m = re.exec(pathname);
    if (!m) continue;
    return { mod, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
  }
  return null;
}

describe("README API examples", () => {
  let ctx: AuthContext;
  let key: string;

  beforeAll(async () => {
    ctx = await newWorkspace();
    key = await keyFor(ctx);
    // The conventions example pages through webhooks: two endpoints make a second page.
    await createEndpoint(ctx, { url: "https://hooks.example.com/readme-1" });
    await createEndpoint(ctx, { url: "https://hooks.example.com/readme-2" });
  }, 60_000);

  it("every curl example of the API section answers 2xx against the route handlers", async () => {
    const { files, curls } = examples(fs.readFileSync(README, "utf8"));
    expect(curls.length).toBeGreaterThanOrEqual(5);
    const vars: Record<string, string> = {};
    const skipped: string[] = [];
    for (const c of curls) {
      const fill = (s: string) =>
        s.replace(/\$KEY/g, key).replace(/<([^>]+)>/g, (whole, name: string) => {
          const v = vars[name];
          if (v === undefined) throw new Error(`README curl uses ${whole} before an earlier example produced it: ${c.line}`);
          return encodeURIComponent(v);
        });
      const rawPath = new URL(c.url.replace(/<[^>]+>/g, "x")).pathname;
      const notRun = Object.keys(NOT_RUN).find((p) => c.url.includes(p));
      if (notRun) {
        skipped.push(notRun);
        continue;
      }
      const url = new URL(fill(c.url));
      const target = routeFor(url.pathname);
      expect(target, `${c.line}: ${rawPath} is not a route under app/api/v1`).not.toBeNull();
      const method = c.method;
      const route = target!.mod[method] as GuardedRoute | undefined;
      expect(route, `${c.line}: no ${method} handler`).toBeDefined();
      const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, fill(v)]));
      let body: string | undefined;
      if (c.body !== undefined) body = c.body.startsWith("@") ? files[c.body.slice(1)] : c.body;
      if (c.body?.startsWith("@")) expect(body, `${c.line}: the README never writes ${c.body.slice(1)}`).toBeDefined();
      const res = await route!(new Request(url, { method, headers, body }), { params: Promise.resolve(target!.params) });
      const text = await res.text();
      expect(res.status, `${c.line}\n→ ${res.status} ${text}`).toBeLessThan(300);
      const json = JSON.parse(text) as Record<string, unknown>;
      if (typeof json.nextCursor === "string") vars.nextCursor = json.nextCursor;
      if (url.pathname === "/api/v1/videos" && method === "POST") {
        vars.id = String(json.id);
        // The worker's part between the README's commands: render the video (fake provider).
        await processVideo(vars.id);
      }
      if (url.pathname === "/api/v1/batches" && method === "POST") vars["batch-id"] = String(json.id);
    }
    expect(skipped.sort()).toEqual(Object.keys(NOT_RUN).sort());
    // The render of the example video takes 70–80 s on the shared 2-core machine.
  }, 300_000);
});
