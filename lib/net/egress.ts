/**
 * THE egress guard (ARCHITECTURE §3 rule 9): every outbound request whose URL came from a user or
 * a workspace goes through `guardedFetch`. Operator-configured hosts (env base URLs, the LLM
 * endpoint) are trusted and use plain fetch.
 *
 * What it enforces, per hop:
 * - http: and https: only;
 * - the address actually connected to is public: the hostname is resolved inside the socket's
 *   `lookup` (undici Agent `connect.lookup`), every answer is checked, and the socket connects
 *   only to the answers we checked, so DNS rebinding between "check" and "connect" is impossible;
 *   IP literals (which Node connects to without a lookup) are checked before the request;
 * - redirects are followed by hand (at most 5) and every hop is checked again; credentials are
 *   dropped when a redirect leaves the original origin.
 *
 * Operators opt in to private targets with EGRESS_ALLOW_PRIVATE=true or, better, an allow-list
 * EGRESS_ALLOW_HOSTS=127.0.0.1:11434,ollama.local. Callers never echo upstream bodies to users.
 */
import dns from "node:dns";
import type { LookupAddress } from "node:dns";
import { Agent, fetch as undiciFetch } from "undici";
import { AppError } from "@/lib/errors";
import { env } from "@/lib/env";
import { blockedAddress } from "./ip";

export const MAX_REDIRECTS = 5;

export interface EgressPolicy {
  /** Any private/loopback target is allowed (operator opt-in). */
  allowPrivate: boolean;
  /** host or host:port entries that may be private anyway (hostnames normalised like URLs). */
  allowHosts: ReadonlyArray<{ host: string; port: string | null }>;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export interface GuardOptions {
  /** Defaults to the policy from EGRESS_ALLOW_PRIVATE / EGRESS_ALLOW_HOSTS. */
  policy?: EgressPolicy;
  /** DNS resolution; tests inject one so a "public" name can point at 127.0.0.1. */
  resolve?: Resolver;
  maxRedirects?: number;
  /** assertPublicUrl only: how long to wait for DNS before accepting (default 3 s). */
  resolveTimeoutMs?: number;
}

/** The one refusal. Its message is safe to show; `details.reason` is for logs only. */
export class EgressBlockedError extends AppError {
  constructor(message: string, reason: string) {
    super("bad_request", message, { reason, egress: "blocked" });
    this.name = "EgressBlockedError";
  }
}

export function isEgressBlocked(e: unknown): e is EgressBlockedError {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { details?: { egress?: string } }).details?.egress === "blocked") return true;
  }
  return false;
}

function firstBlocked(e: unknown): EgressBlockedError | null {
  for (let cur = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    if ((cur as { details?: { egress?: string } }).details?.egress === "blocked") return cur as EgressBlockedError;
  }
  return null;
}

const PRIVATE_MESSAGE =
  "Private addresses are not allowed: the URL must point to a public internet host (not localhost, a private network, link-local or cloud-metadata address).";

function refuse(reason: string): EgressBlockedError {
  return new EgressBlockedError(PRIVATE_MESSAGE, reason);
}

/** Parses EGRESS_ALLOW_HOSTS ("127.0.0.1:11434,ollama.local,[::1]:8080"). Bad entries are skipped. */
export function parseAllowHosts(raw: string | undefined): EgressPolicy["allowHosts"] {
  const out: Array<{ host: string; port: string | null }> = [];
  for (const entry of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    try {
      const u = new URL(`http://${entry}`);
      const hasPort = /:\d+$/.test(entry);
      out.push({ host: u.hostname, port: hasPort ? entry.replace(/^.*:(\d+)$/, "$1") : null });
    } catch {
      /* an unparseable entry allows nothing */
    }
  }
  return out;
}

export function policyFromEnv(): EgressPolicy {
  const e = env();
  return { allowPrivate: e.EGRESS_ALLOW_PRIVATE, allowHosts: parseAllowHosts(e.EGRESS_ALLOW_HOSTS) };
}

function effectivePort(u: URL): string {
  return u.port || (u.protocol === "https:" ? "443" : "80");
}

/** True when the operator allowed this URL's host (and port) to be private. */
export function isAllowListed(u: URL, policy: EgressPolicy): boolean {
  if (policy.allowPrivate) return true;
  return policy.allowHosts.some((a) => a.host === u.hostname && (a.port === null || a.port === effectivePort(u)));
}

/**
 * Checks what can be checked without DNS: parseable, http(s), no embedded credentials, and an
 * IP-literal host (in any spelling; WHATWG parsing already normalises most) must be public.
 * Returns the parsed URL.
 */
export function checkUrlShape(raw: string | URL, policy: EgressPolicy = policyFromEnv()): URL {
  let u: URL;
  try {
    u = raw instanceof URL ? new URL(raw.href) : new URL(raw);
  } catch {
    throw new AppError("bad_request", "Enter a full http:// or https:// URL.");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new AppError("bad_request", "Only http:// and https:// URLs are allowed.");
  if (u.username || u.password) throw new AppError("bad_request", "Put credentials in settings, not in the URL (user:password@ is not allowed).");
  if (isAllowListed(u, policy)) return u;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (host === "" || host === "localhost" || host.endsWith(".localhost")) throw refuse(`${host || "empty host"} is loopback`);
  const why = blockedAddress(host);
  if (why) throw refuse(`${host}: ${why}`);
  return u;
}

const systemResolve: Resolver = (hostname) =>
  new Promise((resolve, reject) => dns.lookup(hostname, { all: true, verbatim: true }, (err, addrs) => (err ? reject(err) : resolve(addrs))));

/** Resolves `hostname` and refuses when ANY answer is not public (a mixed answer is an attack). */
async function resolvePublic(hostname: string, resolve: Resolver): Promise<LookupAddress[]> {
  const addrs = await resolve(hostname);
  if (!addrs.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  for (const a of addrs) {
    const why = blockedAddress(a.address);
    if (why !== null) throw refuse(`${hostname} resolves to ${a.address}: ${why ?? "not an IP address"}`);
  }
  return addrs;
}

/**
 * Create-time validation (webhook endpoints, feed URLs): shape plus a DNS check of the host.
 * A name that does not resolve yet is accepted (delivery checks again); a name that resolves to
 * a private address is refused now, with the same message as at delivery.
 */
export async function assertPublicUrl(raw: string, opts: GuardOptions = {}): Promise<URL> {
  const policy = opts.policy ?? policyFromEnv();
  const u = checkUrlShape(raw, policy);
  if (isAllowListed(u, policy) || blockedAddress(u.hostname.replace(/^\[|\]$/g, "")) !== undefined) return u;
  // Bounded: a slow resolver must not hold the request; delivery checks again at connect time.
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<void>((r) => (timer = setTimeout(r, opts.resolveTimeoutMs ?? 3000)));
  try {
    await Promise.race([resolvePublic(u.hostname, opts.resolve ?? systemResolve), giveUp]);
  } catch (e) {
    if (isEgressBlocked(e)) throw e;
  } finally {
    clearTimeout(timer);
  }
  return u;
}

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A socket `lookup` that only ever hands out checked addresses. `allowed()` reads the hop's policy. */
function guardedLookup(resolve: Resolver, allowed: () => boolean) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, cb: LookupCb) => {
    const check = allowed() ? resolve(hostname) : resolvePublic(hostname, resolve);
    check.then(
      (addrs) => {
        const fam = options.family === 4 || options.family === "IPv4" ? 4 : options.family === 6 || options.family === "IPv6" ? 6 : 0;
        const list = fam ? addrs.filter((a) => a.family === fam) : addrs;
        if (!list.length) return cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
        if (options.all) cb(null, list);
        else cb(null, list[0].address, list[0].family);
      },
      (err) => cb(err, []),
    );
  };
}

/**
 * Two shared connection pools per resolver: "strict" checks every lookup, "open" (used only for
 * hops the operator allow-listed) does not. A pooled socket in the strict agent was checked when
 * it connected, so keep-alive reuse is safe; which agent a hop uses is decided per hop.
 */
const agents = new WeakMap<Resolver, { strict: Agent; open: Agent }>();
function agentsFor(resolve: Resolver): { strict: Agent; open: Agent } {
  let a = agents.get(resolve);
  if (!a) {
    a = {
      strict: new Agent({ connect: { lookup: guardedLookup(resolve, () => false) as never } }),
      open: new Agent({ connect: { lookup: guardedLookup(resolve, () => true) as never } }),
    };
    agents.set(resolve, a);
  }
  return a;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "x-goog-api-key"];

/**
 * fetch(), guarded. `init.redirect`: "follow" (default, manual hops, each checked, at most
 * `maxRedirects`), "manual" (the 3xx is returned) or "error". Throws EgressBlockedError (400)
 * for a refused target; network failures throw like fetch does.
 */
export async function guardedFetch(input: string | URL, init: RequestInit = {}, opts: GuardOptions = {}): Promise<Response> {
  const policy = opts.policy ?? policyFromEnv();
  const resolve = opts.resolve ?? systemResolve;
  const maxRedirects = opts.maxRedirects ?? MAX_REDIRECTS;
  const mode = init.redirect ?? "follow";
  let url = checkUrlShape(input, policy);
  const origin = url.origin;
  const pools = agentsFor(resolve);
  let hopAllowed = isAllowListed(url, policy);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  const headers = new Headers(init.headers);
  for (let hop = 0; ; hop++) {
      let res: Response;
      try {
        res = (await undiciFetch(url, {
          ...(init as object),
          method,
          body: body as never,
          headers,
          redirect: "manual",
          dispatcher: hopAllowed ? pools.open : pools.strict,
        } as never)) as unknown as Response;
      } catch (e) {
        const blocked = firstBlocked(e);
        throw blocked ?? e;
      }
      if (!REDIRECTS.has(res.status) || mode === "manual") return res;
      const location = res.headers.get("location");
      if (!location) return res;
      await res.body?.cancel().catch(() => undefined);
      if (mode === "error") throw new TypeError(`redirect to another address is not allowed (HTTP ${res.status})`);
      if (hop >= maxRedirects) throw new AppError("bad_request", `Too many redirects (more than ${maxRedirects}).`, { egress: "redirects" });
      const next = checkUrlShape(new URL(location, url), policy);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
        if (method !== "HEAD") method = "GET";
        body = undefined;
        headers.delete("content-type");
        headers.delete("content-length");
      }
      if (next.origin !== origin) for (const h of CREDENTIAL_HEADERS) headers.delete(h);
      url = next;
      hopAllowed = isAllowListed(url, policy);
  }
}

/** A fetch-compatible function bound to options (for code that takes a `fetch` parameter). */
export function guardedFetcher(opts: GuardOptions = {}): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (input, init) => guardedFetch(input instanceof Request ? input.url : input, init, opts);
}
