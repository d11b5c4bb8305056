/**
 * The CLI end to end against the real /api/v1 handlers served over real HTTP (a node server on
 * an ephemeral port dispatching to the route modules, as Next would), with a real API key.
 * The video is rendered by the real pipeline (processVideo) between status polls: the injected
 * `sleep` is where time would pass.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROUTE_MODULES } from "@/app/api/v1/routes";
import type { GuardedRoute } from "@/lib/http/handler";
import { openApiPathOf } from "@/lib/api/route-files";
import { keyFor } from "@/lib/http/test-helpers";
import { newWorkspace } from "@/lib/testing/fixtures";
import { processVideo } from "@/lib/videos/process";
import { main } from "./avs";

/** Matches "/api/v1/videos/abc" against "/videos/{id}" and returns the params. */
function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const re = new RegExp("^/api/v1" + pattern.replace(/\{(\w+)\}/g, (_, n: string) => (names.push(n), "([^/]+)")) + "$");
  const m = re.exec(path);
  return m ? Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) : null;
}

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  // Static segments first, so /videos/from-research is not taken for /videos/{id}.
  const routes = Object.entries(ROUTE_MODULES).sort(([a], [b]) => a.split("[").length - b.split("[").length);
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    for (const [file, mod] of routes) {
      const params = match(openApiPathOf(file), url.pathname);
      const h = params && (mod[req.method ?? "GET"] as GuardedRoute | undefined);
      if (!h) continue;
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const r = await h(new Request(url, { method: req.method, headers: req.headers as Record<string, string>, body }), { params: Promise.resolve(params) });
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function run(args: string[], env: Record<string, string>, sleep?: (ms: number) => Promise<void>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), env, sleep });
  return { code, out, err };
}

describe("avs CLI", () => {
  it("lists presenters, creates a video from a script, follows it to completed and prints its URL", async () => {
    const ctx = await newWorkspace();
    const env = { AVS_URL: baseUrl, AVS_API_KEY: await keyFor(ctx) };

    const ps = await run(["presenters", "--json"], env);
    expect(ps.code, ps.err.join("\n")).toBe(0);
    const presenters = JSON.parse(ps.out[0]) as { slug: string }[];
    expect(presenters.map((p) => p.slug)).toContain("mike");

    let created: string | null = null;
    const sleep = async () => {
      if (created) await processVideo(created);
    };
    const out: string[] = [];
    const code = await main(["create", "--title", "From the CLI", "--script", "Hello from a terminal.", "--presenter", "mike", "--follow"], {
      out: (s) => {
        out.push(s);
        created ??= /^created (\S+)/.exec(s)?.[1] ?? null;
      },
      err: (s) => out.push(`ERR ${s}`),
      env,
      sleep,
    });
    expect(out.join("\n")).toMatch(/created [0-9a-f-]{36}/);
    expect(code, out.join("\n")).toBe(0);
    expect(out.at(-1)).toBe(`video: ${baseUrl}/api/media/videos/${created}`);

    const st = await run(["status", created!, "--json"], env);
    expect(JSON.parse(st.out[0])).toMatchObject({ id: created, status: "completed" });
    const list = await run(["list", "--json"], env);
    expect((JSON.parse(list.out[0]) as { videos: { id: string }[] }).videos.map((v) => v.id)).toContain(created);
  });

  it("says what to do on bad input, with --json errors for scripts", async () => {
    const ctx = await newWorkspace();
    const env = { AVS_URL: baseUrl, AVS_API_KEY: await keyFor(ctx) };
    expect((await run(["presenters"], { AVS_URL: baseUrl })).err[0]).toMatch(/AVS_API_KEY/);
    const bad = await run(["create", "--title", "x", "--script", "y", "--presenter", "nobody", "--json"], env);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.err[0]).error.status).toBeGreaterThanOrEqual(400);
    const missing = await run(["status", "00000000-0000-4000-8000-000000000000"], env);
    expect(missing.err[0]).toMatch(/not found/i);
  });

  it("batch create from a CSV file reports each refused row; batch status follows it", async () => {
    // Mutation tried: `return b.refusedCount ? 3 : 0` → `return 0` → the exit code check fails.
    const ctx = await newWorkspace();
    const env = { AVS_URL: baseUrl, AVS_API_KEY: await keyFor(ctx) };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-batch-"));
    const file = path.join(dir, "shorts.csv");
    fs.writeFileSync(file, 'script,title,presenter,aspect,platforms,schedule\n"Write it down. Decide in the open.",Habit 1,sarah,portrait,tiktok;youtube_shorts,2099-12-01T09:30:00Z\nDemo weekly.,Habit 2,nobody,,,\n');
    const r = await run(["batch", "create", file], env);
    expect(r.code, r.err.join("\n")).toBe(3);
    expect(r.out[0]).toMatch(/1 created, 1 refused/);
    expect(r.out[0]).toMatch(/row {3}2 {2}Habit 2 {2}REFUSED: Unknown presenter "nobody"/);
    const id = /batch ([0-9a-f-]{36})/.exec(r.out[0])![1];
    const st = await run(["batch", "status", id, "--json"], env);
    expect(JSON.parse(st.out[0])).toMatchObject({ id, createdCount: 1, rows: [{ row: 1, status: "created", videoStatus: "queued" }, { row: 2, status: "refused" }] });
    // Atomic: the same file is refused whole, each row listed.
    const atomic = await run(["batch", "create", file, "--mode", "atomic"], env);
    expect(atomic.code).toBe(1);
    expect(atomic.err[0]).toMatch(/^refused: 1 of 2 rows are invalid/);
  });
});
