/**
 * The egress guard's refusal table plus real sockets: local HTTP servers on 127.0.0.1 play an
 * internal service, and an injected resolver plays hostile DNS.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blockedAddress } from "./ip";
import { assertPublicUrl, checkUrlShape, guardedFetch, isEgressBlocked, parseAllowHosts, type EgressPolicy, type Resolver } from "./egress";

const STRICT: EgressPolicy = { allowPrivate: false, allowHosts: [] };

// Mutations tried: dropping the 127/8 row in BLOCKED_V4 fails the loopback rows; removing the
// IPv4-mapped branch in blockedV6 fails the ::ffff: rows; removing parseIPv4Loose fallback in
// blockedAddress fails the raw-spelling rows.
const REFUSED_URLS: Array<[string, string]> = [
  ["http://127.0.0.1/", "loopback"],
  ["http://127.255.255.254:8080/", "loopback"],
  ["http://2130706433/", "decimal loopback"],
  ["http://0177.0.0.1/", "octal loopback"],
  ["http://0x7f.1/", "hex short loopback"],
  ["http://0x7f000001/", "hex loopback"],
  ["http://017700000001/", "octal whole loopback"],
  ["http://127.1/", "short loopback"],
  ["http://%31%32%37.0.0.1/", "percent-encoded loopback"],
  ["http://localhost:5432/", "localhost"],
  ["http://api.localhost/", "*.localhost"],
  ["http://0.0.0.0:3000/", "unspecified"],
  ["http://0/", "zero"],
  ["http://10.0.0.1/", "private 10/8"],
  ["http://172.16.0.1/", "private 172.16/12 low"],
  ["http://172.31.255.255/", "private 172.16/12 high"],
  ["http://192.168.1.1/", "private 192.168/16"],
  ["http://169.254.169.254/latest/meta-data/", "cloud metadata"],
  ["http://169.254.1.1/", "link-local"],
  ["http://100.64.0.1/", "CGNAT"],
  ["http://100.127.255.255/", "CGNAT high"],
  ["http://224.0.0.1/", "multicast"],
  ["http://239.255.255.250/", "multicast SSDP"],
  ["http://240.0.0.1/", "reserved"],
  ["http://255.255.255.255/", "broadcast"],
  ["http://192.0.2.10/", "documentation"],
  ["http://198.18.0.1/", "benchmarking"],
  ["http://[::1]/", "IPv6 loopback"],
  ["http://[::]/", "IPv6 unspecified"],
  ["http://[0:0:0:0:0:0:0:1]/", "IPv6 loopback long form"],
  ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
  ["http://[::ffff:7f00:1]/", "IPv4-mapped loopback hex"],
  ["http://[::ffff:169.254.169.254]/", "IPv4-mapped metadata"],
  ["http://[::ffff:10.1.2.3]/", "IPv4-mapped private"],
  ["http://[::127.0.0.1]/", "IPv4-compatible loopback"],
  ["http://[64:ff9b::7f00:1]/", "NAT64 loopback"],
  ["http://[2002:7f00:1::1]/", "6to4 loopback"],
  ["http://[fc00::1]/", "unique local fc00"],
  ["http://[fd12:3456:789a::1]/", "unique local fd"],
  ["http://[fe80::1]/", "IPv6 link-local"],
  ["http://[fec0::1]/", "IPv6 site-local"],
  ["http://[ff02::1]/", "IPv6 multicast"],
  ["http://[2001:db8::1]/", "IPv6 documentation"],
];

const PUBLIC_URLS = [
  "https://8.8.8.8/",
  "http://1.1.1.1:8080/x",
  "https://172.32.0.1/",
  "https://100.128.0.1/",
  "https://169.255.0.1/",
  "https://[2606:4700:4700::1111]/",
  "https://[::ffff:8.8.8.8]/",
  "https://example.com/feed.xml",
];

describe("egress guard: the refusal table", () => {
  it.each(REFUSED_URLS)("refuses %s (%s)", (url) => {
    let err: unknown;
    try {
      checkUrlShape(url, STRICT);
    } catch (e) {
      err = e;
    }
    expect(isEgressBlocked(err)).toBe(true);
    expect((err as Error).message).toMatch(/Private addresses are not allowed/);
  });

  it.each(PUBLIC_URLS)("lets public %s through the shape check", (url) => {
    expect(checkUrlShape(url, STRICT).href).toBeTruthy();
  });

  it.each(["file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/x", "gopher://example.com/", "data:text/plain,hi", "not a url"])(
    "refuses non-http(s) %s with a 400",
    (url) => {
      expect(() => checkUrlShape(url, STRICT)).toThrow(/http:\/\/ (and|or) https:\/\//);
    },
  );

  it("refuses credentials in the URL", () => {
    expect(() => checkUrlShape("https://user:pw@example.com/", STRICT)).toThrow(/credentials/);
  });

  // Raw spellings a resolver or a non-WHATWG caller might hand us (not normalised by URL).
  it.each([
    ["0177.0.0.1", true],
    ["0x7f.1", true],
    ["127.1", true],
    ["2130706433", true],
    ["0x7f.0.0.1", true],
    ["0", true],
    ["::ffff:127.0.0.1", true],
    ["[::1]", true],
    ["fe80::1%eth0", true],
    ["8.8.8.8", false],
    ["2606:4700::1111", false],
  ])("classifies the raw spelling %s (blocked: %s)", (addr, blocked) => {
    expect(Boolean(blockedAddress(addr))).toBe(blocked);
  });

  it("does not treat names as addresses", () => {
    expect(blockedAddress("example.com")).toBeUndefined();
    expect(blockedAddress("deadbeef")).toBeUndefined();
  });

  it("parses the operator allow-list like URLs", () => {
    expect(parseAllowHosts("127.0.0.1:11434, ollama.local ,[::1]:8080,2130706433")).toEqual([
      { host: "127.0.0.1", port: "11434" },
      { host: "ollama.local", port: null },
      { host: "[::1]", port: "8080" },
      { host: "127.0.0.1", port: null },
    ]);
    const policy: EgressPolicy = { allowPrivate: false, allowHosts: parseAllowHosts("127.0.0.1:11434") };
    expect(checkUrlShape("http://127.0.0.1:11434/api", policy).port).toBe("11434");
    expect(() => checkUrlShape("http://127.0.0.1:11435/api", policy)).toThrow(/Private addresses/);
    expect(checkUrlShape("http://10.0.0.1/", { allowPrivate: true, allowHosts: [] }).hostname).toBe("10.0.0.1");
  });
});

describe("egress guard: real connections", () => {
  const hits: Record<string, number> = { a: 0, b: 0, c: 0 };
  let lastAuthAtC: string | undefined;
  let a: http.Server, b: http.Server, c: http.Server;
  let pa = 0, pb = 0, pc = 0;

  function serve(name: string, handler: http.RequestListener): Promise<[http.Server, number]> {
    const s = http.createServer((req, res) => {
      hits[name]++;
      handler(req, res);
    });
    return new Promise((r) => s.listen(0, "127.0.0.1", () => r([s, (s.address() as AddressInfo).port])));
  }

  beforeAll(async () => {
    [a, pa] = await serve("a", (req, res) => {
      const u = new URL(req.url!, "http://x");
      const to = u.searchParams.get("to");
      const n = Number(u.searchParams.get("loop") ?? 0);
      if (to) return res.writeHead(302, { location: to }).end();
      if (n > 0) return res.writeHead(307, { location: `/?loop=${n - 1}` }).end();
      res.end("hello from a");
    });
    [b, pb] = await serve("b", (_req, res) => res.end("internal secret from b"));
    [c, pc] = await serve("c", (req, res) => {
      lastAuthAtC = req.headers.authorization;
      res.end("c");
    });
  });
  afterAll(() => {
    for (const s of [a, b, c]) s.close();
  });

  const toLoopback: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
  const allowA = (): EgressPolicy => ({ allowPrivate: false, allowHosts: parseAllowHosts(`127.0.0.1:${pa}`) });

  it("refuses a public-looking hostname that resolves to 127.0.0.1, before any byte is sent", async () => {
    // Mutation tried: guardedLookup resolving with `resolve` instead of `resolvePublic` → b is hit.
    const before = hits.b;
    const err = await guardedFetch(`http://totally-public.example:${pb}/`, {}, { policy: STRICT, resolve: toLoopback }).catch((e) => e);
    expect(isEgressBlocked(err)).toBe(true);
    expect(hits.b).toBe(before);
  });

  it("refuses when any DNS answer is private (mixed answers)", async () => {
    const mixed: Resolver = async () => [
      { address: "93.184.216.34", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    const err = await guardedFetch(`http://mixed.example:${pb}/`, {}, { policy: STRICT, resolve: mixed }).catch((e) => e);
    expect(isEgressBlocked(err)).toBe(true);
  });

  it("refuses a literal loopback URL without connecting", async () => {
    const before = hits.b;
    const err = await guardedFetch(`http://127.0.0.1:${pb}/`, {}, { policy: STRICT }).catch((e) => e);
    expect(isEgressBlocked(err)).toBe(true);
    expect(hits.b).toBe(before);
  });

  it("fetches an allow-listed private host (the operator opted in)", async () => {
    const res = await guardedFetch(`http://127.0.0.1:${pa}/`, {}, { policy: allowA() });
    expect(await res.text()).toBe("hello from a");
  });

  it("refuses a redirect from an allowed host to loopback, literal or by name", async () => {
    // Mutation tried: not re-running checkUrlShape on the Location → b is hit and its body returned.
    const before = hits.b;
    for (const to of [`http://127.0.0.1:${pb}/`, `http://2130706433:${pb}/`, `http://[::ffff:127.0.0.1]:${pb}/`, `http://sneaky.example:${pb}/`]) {
      const err = await guardedFetch(`http://127.0.0.1:${pa}/?to=${encodeURIComponent(to)}`, {}, { policy: allowA(), resolve: toLoopback }).catch((e) => e);
      expect(isEgressBlocked(err), to).toBe(true);
    }
    expect(hits.b).toBe(before);
  });

  it("caps redirects at 5", async () => {
    // Mutation tried: `hop >= maxRedirects` → `hop > 50`: the 6-hop chain succeeds.
    const ok = await guardedFetch(`http://127.0.0.1:${pa}/?loop=5`, {}, { policy: allowA() });
    expect(await ok.text()).toBe("hello from a");
    const err = await guardedFetch(`http://127.0.0.1:${pa}/?loop=6`, {}, { policy: allowA() }).catch((e) => e);
    expect(String(err.message)).toMatch(/Too many redirects/);
  });

  it("drops credentials when a redirect leaves the origin", async () => {
    const policy: EgressPolicy = { allowPrivate: false, allowHosts: parseAllowHosts(`127.0.0.1:${pa},127.0.0.1:${pc}`) };
    const res = await guardedFetch(`http://127.0.0.1:${pa}/?to=${encodeURIComponent(`http://127.0.0.1:${pc}/`)}`, { headers: { authorization: "Bearer sk_live_123" } }, { policy });
    expect(await res.text()).toBe("c");
    expect(lastAuthAtC).toBeUndefined();
  });

  it("manual mode hands the 3xx back without following", async () => {
    const res = await guardedFetch(`http://127.0.0.1:${pa}/?to=${encodeURIComponent(`http://127.0.0.1:${pb}/`)}`, { redirect: "manual" }, { policy: allowA() });
    expect(res.status).toBe(302);
  });

  it("create-time validation refuses a name resolving to a private address", async () => {
    await expect(assertPublicUrl("https://hooks.example/x", { policy: STRICT, resolve: async () => [{ address: "169.254.169.254", family: 4 }] })).rejects.toThrow(
      /Private addresses are not allowed/,
    );
    await expect(assertPublicUrl("https://hooks.example/x", { policy: STRICT, resolve: async () => [{ address: "93.184.216.34", family: 4 }] })).resolves.toBeTruthy();
  });
});
