/**
 * Issue 10, hole 3 (research half): an RSS/Atom feed URL is user input. Loopback/private feeds
 * are refused before any byte is sent, redirects to another internal port are refused, and an
 * upstream error body never reaches the job's visible error.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllowHosts, type GuardOptions } from "@/lib/net/egress";
import { runResearch } from "@/lib/research/run";
import type { EgressContext } from "@/lib/research/http";
import { rssConnector } from ".";

const SECRET = "INTERNAL-ONLY-7f3a9c-token";
const hits = { a: 0, b: 0 };
let a: http.Server, b: http.Server;
let pa = 0, pb = 0;

function listen(s: http.Server): Promise<number> {
  return new Promise((r) => s.listen(0, "127.0.0.1", () => r((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  // a: an allow-listed "publisher" that misbehaves; b: an internal service with secrets.
  a = http.createServer((req, res) => {
    hits.a++;
    const u = new URL(req.url!, "http://x");
    if (u.pathname === "/redirect") return res.writeHead(302, { location: u.searchParams.get("to")! }).end();
    if (u.pathname === "/json-error") return res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ message: SECRET }));
    if (u.pathname === "/text-error") return res.writeHead(403).end(`forbidden: ${SECRET}`);
    if (u.pathname === "/not-xml") return res.writeHead(200).end(`{"token":"${SECRET}"}`);
    res.writeHead(500).end(SECRET);
  });
  b = http.createServer((_req, res) => {
    hits.b++;
    res.end(`<rss><channel><item><title>${SECRET}</title></item></channel></rss>`);
  });
  pa = await listen(a);
  pb = await listen(b);
});
afterAll(() => {
  a.close();
  b.close();
});

const strict: GuardOptions = { policy: { allowPrivate: false, allowHosts: [] } };
const allowA = (): GuardOptions => ({ policy: { allowPrivate: false, allowHosts: parseAllowHosts(`127.0.0.1:${pa}`) } });
const ctx = (egress: GuardOptions): EgressContext => ({ egress, maxAttempts: 1, sleep: async () => undefined, now: () => new Date(0) });

describe("RSS feeds through the egress guard", () => {
  it.each([
    (p: number) => `http://127.0.0.1:${p}/feed.xml`,
    (p: number) => `http://localhost:${p}/feed.xml`,
    (p: number) => `http://2130706433:${p}/feed.xml`,
    (p: number) => `http://[::ffff:127.0.0.1]:${p}/feed.xml`,
    () => "http://169.254.169.254/latest/meta-data/",
  ])("refuses a private feed URL without connecting (%#)", async (mk) => {
    // Mutation tried: createHttpClient using plain fetch → b is hit and its secret title comes back.
    const before = hits.b;
    const err = await rssConnector.fetch({ source: "rss", feedUrl: mk(pb) }, ctx(strict)).catch((e) => e);
    expect(err.code).toBe("bad_request");
    expect(err.message).toMatch(/Private addresses are not allowed/);
    expect(hits.b).toBe(before);
  });

  it("refuses a redirect from an allowed feed host to another internal port", async () => {
    const before = hits.b;
    const to = encodeURIComponent(`http://127.0.0.1:${pb}/`);
    const err = await rssConnector.fetch({ source: "rss", feedUrl: `http://127.0.0.1:${pa}/redirect?to=${to}` }, ctx(allowA())).catch((e) => e);
    expect(err.message).toMatch(/Private addresses are not allowed/);
    expect(err.message).not.toContain(String(pb));
    expect(hits.b).toBe(before);
  });

  it.each(["/json-error", "/text-error", "/server-error", "/not-xml"])("never copies the upstream body into the error (%s)", async (path) => {
    // Mutation tried: restoring `: ${bodyText.slice(0, 200)}` in lastProblem / the JSON message in
    // httpError → the secret shows up in the message.
    const err = await rssConnector.fetch({ source: "rss", feedUrl: `http://127.0.0.1:${pa}${path}` }, ctx(allowA())).catch((e) => e);
    expect(err.message).toBeTruthy();
    expect(err.message).not.toContain(SECRET);
    expect(JSON.stringify(err.details ?? {})).not.toContain(SECRET);
  });

  it("reports a closed port as a plain network error, not a port-scan answer", async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise((r) => closed.close(r));
    const egress = { policy: { allowPrivate: false, allowHosts: parseAllowHosts(`127.0.0.1:${port}`) } };
    const err = await rssConnector.fetch({ source: "rss", feedUrl: `http://127.0.0.1:${port}/feed.xml` }, ctx(egress)).catch((e) => e);
    expect(err.message).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect(err.message).toMatch(/network error/);
  });

  it("the research run's visible errors carry neither the body nor the refusal details", async () => {
    const result = await runResearch(
      { sources: [{ source: "rss", feedUrl: `http://127.0.0.1:${pb}/feed.xml` }, { source: "rss", feedUrl: `http://127.0.0.1:${pa}/json-error` }] } as never,
      ctx({ policy: { allowPrivate: false, allowHosts: parseAllowHosts(`127.0.0.1:${pa}`) } }) as never,
    );
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0].message).toMatch(/Private addresses are not allowed/);
    expect(JSON.stringify(result.errors)).not.toContain(SECRET);
    expect(result.items).toHaveLength(0);
  });
});
