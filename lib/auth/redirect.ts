/**
 * Where to go after signing in. Only a path on this site is accepted: `//evil.example`
 * (protocol-relative), `/\evil.example` (browsers treat `\` as `/`), absolute URLs, and
 * anything with control characters or a scheme fall back to the dashboard.
 */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return fallback;
  // Browsers strip tab/newline and trim C0 controls and spaces before parsing a URL.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f\s]/.test(raw)) return fallback;
  if (!raw.startsWith("/")) return fallback;
  if (raw[1] === "/" || raw[1] === "\\") return fallback;
  if (raw.includes("\\")) return fallback;
  // Resolve against a placeholder origin: the result must stay on it.
  try {
    const u = new URL(raw, "http://same.invalid");
    if (u.origin !== "http://same.invalid") return fallback;
    return `${u.pathname}${u.search}${u.hash}`;
  } catch {
    return fallback;
  }
}

/**
 * next-auth's redirect callback: relative paths and URLs on the app's own origin stay (as a
 * path on baseUrl); everything else goes to the base URL.
 */
export function authRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let path: string;
  if (url.startsWith("/")) {
    path = safeCallbackPath(url);
  } else {
    try {
      const u = new URL(url);
      path = u.origin === base.origin ? safeCallbackPath(`${u.pathname}${u.search}${u.hash}`) : "/";
    } catch {
      path = "/";
    }
  }
  return `${base.origin}${path}`;
}
