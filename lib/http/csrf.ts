/**
 * Cross-site request refusal for cookie-authenticated calls (issue 10, hole 7). A browser
 * attaches the session cookie to a same-site request from another port or subdomain, and a
 * `text/plain` form needs no CORS preflight. So an unsafe request that relies on the cookie
 * must (1) carry an Origin equal to ours and (2) send JSON, which a form cannot. Calls with
 * `Authorization: Bearer` are exempt: a page cannot attach that header cross-site without a
 * preflight we never grant. (OWASP CSRF cheat sheet, "Verifying origin with standard headers",
 * read 2026-11-30.)
 */
import { AppError } from "@/lib/errors";

export const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function originOf(u: string | undefined | null): string | null {
  if (!u) return null;
  try {
    return new URL(u).origin;
  } catch {
    return null;
  }
}

/** Our own origins: the one the request came in on, and the configured public URL. */
export function allowedOrigins(req: Request, appUrl?: string): Set<string> {
  const s = new Set<string>();
  const own = originOf(req.url);
  if (own) s.add(own);
  const configured = originOf(appUrl);
  if (configured) s.add(configured);
  return s;
}

/**
 * `jsonBody`: the route takes a JSON body, so anything else is refused (a form cannot send
 * JSON). Routes without a JSON body (actions like cancel, file uploads) rely on the Origin rule.
 */
export function checkCookieRequest(req: Request, opts: { appUrl?: string; jsonBody: boolean }): AppError | null {
  if (!UNSAFE_METHODS.has(req.method.toUpperCase())) return null;
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  // Browsers send Origin on every POST/PUT/DELETE (and Sec-Fetch-Site on every request); a
  // request with neither is not from a browser, so it cannot carry a victim's cookie by
  // accident (curl, Playwright's request context). A browser request without Origin must say
  // it is same-origin.
  const nonBrowser = origin === null && fetchSite === null;
  const ok = nonBrowser || (origin === null ? fetchSite === "same-origin" : origin !== "null" && allowedOrigins(req, opts.appUrl).has(origin));
  if (!ok) {
    return new AppError(
      "forbidden",
      "Cross-site request refused: calls signed in with a browser session must come from this site. Scripts should use an API key (`Authorization: Bearer <key>`).",
      { reason: "origin" },
    );
  }
  if (opts.jsonBody && (req.headers.get("content-type") !== null || Number(req.headers.get("content-length") ?? 0) > 0 || req.body !== null)) {
    const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json") {
      return new AppError("unsupported_media_type", "Send the body as JSON with `Content-Type: application/json`.", { reason: "content_type" });
    }
  }
  return null;
}
