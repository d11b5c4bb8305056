/**
 * Which IP addresses the studio may connect to on behalf of a user or workspace.
 *
 * The policy is an allow-list of *globally routable unicast*: IPv4 minus the IANA special-purpose
 * ranges, IPv6 only inside 2000::/3 minus documentation/Teredo, and IPv6 forms that embed an
 * IPv4 address (IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4
 * 2002::/16) are judged by the IPv4 address they carry. Sources: IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and updates), read 2026-11-30.
 *
 * Every IPv4 spelling the C library accepts (decimal `2130706433`, octal `0177.0.0.1`, hex
 * `0x7f.1`, short `127.1`) is parsed here too, so a caller that skips WHATWG URL
 * normalisation still cannot sneak loopback past the check.
 */
import { isIPv4, isIPv6 } from "node:net";

type V4Range = readonly [base: number, bits: number, why: string];

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** IPv4 ranges that are never a public internet host. */
const BLOCKED_V4: readonly V4Range[] = [
  [v4(0, 0, 0, 0), 8, "unspecified (0.0.0.0/8)"],
  [v4(10, 0, 0, 0), 8, "private (10.0.0.0/8)"],
  [v4(100, 64, 0, 0), 10, "carrier-grade NAT (100.64.0.0/10)"],
  [v4(127, 0, 0, 0), 8, "loopback (127.0.0.0/8)"],
  [v4(169, 254, 0, 0), 16, "link-local / cloud metadata (169.254.0.0/16)"],
  [v4(172, 16, 0, 0), 12, "private (172.16.0.0/12)"],
  [v4(192, 0, 0, 0), 24, "IETF protocol assignments (192.0.0.0/24)"],
  [v4(192, 0, 2, 0), 24, "documentation (192.0.2.0/24)"],
  [v4(192, 88, 99, 0), 24, "6to4 relay anycast (192.88.99.0/24)"],
  [v4(192, 168, 0, 0), 16, "private (192.168.0.0/16)"],
  [v4(198, 18, 0, 0), 15, "benchmarking (198.18.0.0/15)"],
  [v4(198, 51, 100, 0), 24, "documentation (198.51.100.0/24)"],
  [v4(203, 0, 113, 0), 24, "documentation (203.0.113.0/24)"],
  [v4(224, 0, 0, 0), 4, "multicast (224.0.0.0/4)"],
  [v4(240, 0, 0, 0), 4, "reserved / broadcast (240.0.0.0/4)"],
];

function inV4(addr: number, [base, bits]: V4Range): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((addr & mask) >>> 0) === ((base & mask) >>> 0);
}

/**
 * inet_aton-style IPv4 parsing: 1–4 parts, each decimal, octal (leading 0) or hex (0x); the last
 * part fills the remaining bytes. Returns the 32-bit value or null when it is not an IPv4 literal.
 */
export function parseIPv4Loose(s: string): number | null {
  if (!/^[0-9a-fx.]+$/i.test(s)) return null;
  const parts = s.replace(/\.$/, "").split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = p.length === 1 ? 0 : parseInt(p.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10);
    else return null;
    if (!Number.isFinite(n)) return null;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255)) return null;
  const room = 4 - nums.length;
  if (last >= 2 ** (8 * room)) return null;
  let out = 0;
  for (const [i, n] of nums.entries()) out += n * 2 ** (8 * (3 - i));
  return out + last;
}

/** "a.b.c.d" for a 32-bit value. */
export function formatIPv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** 16 bytes of an IPv6 literal (with or without brackets, zone id dropped), or null. */
export function parseIPv6(s: string): Uint8Array | null {
  let t = s.replace(/^\[|\]$/g, "");
  const zone = t.indexOf("%");
  if (zone >= 0) t = t.slice(0, zone);
  if (!isIPv6(t)) return null;
  let tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (dotted) {
    const n = parseIPv4Loose(dotted[1])!;
    tail = [(n >>> 16) & 0xffff, n & 0xffff];
    t = t.slice(0, -dotted[1].length) + "0:0";
  }
  const [head, rest] = t.includes("::") ? t.split("::") : [t, null];
  const h = head ? head.split(":") : [];
  const r = rest === null ? [] : rest ? rest.split(":") : [];
  const fill = rest === null ? 0 : 8 - h.length - r.length;
  const groups = [...h, ...Array(fill).fill("0"), ...r].map((g) => parseInt(g, 16));
  if (tail.length) groups.splice(6, 2, ...tail);
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 255;
  });
  return out;
}

const v4FromBytes = (b: Uint8Array, at: number) => ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
const zero = (b: Uint8Array, from: number, to: number) => b.slice(from, to).every((x) => x === 0);

/** Why an IPv4 address is refused, or null when it is a public unicast address. */
function blockedV4(n: number): string | null {
  for (const r of BLOCKED_V4) if (inV4(n, r)) return r[2];
  return null;
}

/** Why an IPv6 address is refused, or null when it is public. */
function blockedV6(b: Uint8Array): string | null {
  // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d (incl. :: and ::1).
  if (zero(b, 0, 10) && b[10] === 0xff && b[11] === 0xff) return tagged(blockedV4(v4FromBytes(b, 12)), "IPv4-mapped");
  if (zero(b, 0, 12)) {
    if (zero(b, 12, 16)) return "unspecified (::)";
    if (zero(b, 12, 15) && b[15] === 1) return "loopback (::1)";
    return "IPv4-compatible IPv6 (::/96)";
  }
  // NAT64 64:ff9b::/96 carries an IPv4 address in the last 32 bits.
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(b, 4, 12)) return tagged(blockedV4(v4FromBytes(b, 12)), "NAT64");
  // 6to4 2002:a.b.c.d::/48.
  if (b[0] === 0x20 && b[1] === 0x02) return tagged(blockedV4(v4FromBytes(b, 2)), "6to4");
  if ((b[0] & 0xfe) === 0xfc) return "unique local (fc00::/7)";
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return "link-local (fe80::/10)";
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return "site-local (fec0::/10)";
  if (b[0] === 0xff) return "multicast (ff00::/8)";
  if ((b[0] & 0xe0) !== 0x20) return "not global unicast (outside 2000::/3)";
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x0d && b[3] === 0xb8) return "documentation (2001:db8::/32)";
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0x00 && b[3] === 0x00) return "Teredo (2001::/32)";
  if (b[0] === 0x3f && b[1] === 0xff && (b[2] & 0xf0) === 0) return "documentation (3fff::/20)";
  return null;
}

function tagged(why: string | null, form: string): string | null {
  return why ? `${why} as ${form}` : null;
}

/**
 * If `host` is an IP literal in any spelling, why it is refused (a short reason) or null when it
 * is public; `undefined` when `host` is not an IP literal at all (a name to resolve).
 */
export function blockedAddress(host: string): string | null | undefined {
  const h = host.trim().toLowerCase();
  const b6 = parseIPv6(h);
  if (b6) return blockedV6(b6);
  if (isIPv4(h)) return blockedV4(parseIPv4Loose(h)!);
  const loose = parseIPv4Loose(h);
  if (loose !== null) return blockedV4(loose);
  return undefined;
}
