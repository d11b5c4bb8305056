/**
 * Instagram fake (Instagram API with Instagram Login): /oauth/authorize → code,
 * POST /oauth/access_token (short-lived), GET /access_token?grant_type=ig_exchange_token
 * (60-day token), GET /refresh_access_token, GET /{v}/me, GET /{v}/{ig-user-id}/content_publishing_limit,
 * POST /{v}/{ig-user-id}/media (media_type=REELS, video_url fetched like Meta's crawler does),
 * GET /{v}/{container}?fields=status_code (IN_PROGRESS → FINISHED | ERROR), POST /{v}/{ig-user-id}/media_publish,
 * GET /{v}/{ig-user-id}/media, GET /{v}/{media}?fields=permalink, GET /{v}/{media}/insights.
 * Errors: { error: { message, type: "OAuthException", code, error_subcode, fbtrace_id } } —
 * 190/463 expired token, 4 app rate limit, 9/2207042 publishing limit reached.
 * Source: developers.facebook.com/docs/instagram-platform (content-publishing, ig-container, ig-user/media,
 * content_publishing_limit, business-login, ig-media/insights); read 2026-11-30.
 */
import { autoConsent, id, startPlatformServer, type PlatformFake, type Req, type Res } from "./common";

export interface InstagramFakeOptions {
  appId?: string;
  appSecret?: string;
  /** content_publishing_limit quota_total (Meta: 50 per 24 h). */
  quotaTotal?: number;
  quotaUsed?: number;
  /** Container status reads answered IN_PROGRESS before FINISHED. */
  pollsBeforeReady?: number;
  /** Fetch video_url like Meta's crawler (off: any URL is taken). */
  fetchMedia?: boolean;
}

export interface InstagramFakeContainer {
  id: string;
  videoUrl: string;
  caption: string;
  polls: number;
  status: "IN_PROGRESS" | "FINISHED" | "ERROR" | "PUBLISHED";
  mediaId?: string;
  fetchedBytes: number;
}

export interface InstagramFake extends PlatformFake {
  appId: string;
  appSecret: string;
  igUserId: string;
  containers: Map<string, InstagramFakeContainer>;
  published(): InstagramFakeContainer[];
  options: Required<InstagramFakeOptions>;
}

export const graphError = (status: number, code: number, message: string, subcode?: number): Res => ({
  status, body: { error: { message, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: id("trace") } },
});

export async function startInstagramFake(o: InstagramFakeOptions = {}, port = 0): Promise<InstagramFake> {
  const options: Required<InstagramFakeOptions> = {
    appId: o.appId ?? "ig-app-id", appSecret: o.appSecret ?? "ig-app-secret", quotaTotal: o.quotaTotal ?? 50, quotaUsed: o.quotaUsed ?? 0,
    pollsBeforeReady: o.pollsBeforeReady ?? 1, fetchMedia: o.fetchMedia ?? true,
  };
  const igUserId = String(17841400000000000 + Math.floor(Math.random() * 1e6));
  const codes = new Map<string, { challenge: string | null; redirectUri: string; clientId: string }>();
  const tokens = new Map<string, { kind: "short" | "long"; valid: boolean }>();
  const containers = new Map<string, InstagramFakeContainer>();
  const media = new Map<string, { id: string; caption: string; views: number }>();
  const V = /^\/v\d+\.\d+/;

  const handler = async (req: Req, fault: (r: string) => Res | null): Promise<Res> => {
    const p = req.path.replace(V, "");
    const q = req.query;
    const param = (k: string) => (req.body[k] as string | undefined) ?? q.get(k) ?? undefined;
    if (req.method === "GET" && p === "/oauth/authorize") return autoConsent(req, codes, "client_id");
    if (req.method === "POST" && p === "/oauth/access_token") {
      const c = codes.get(String(param("code")));
      codes.delete(String(param("code")));
      if (param("client_id") !== options.appId || param("client_secret") !== options.appSecret) return graphError(400, 101, "Error validating client secret.");
      if (!c || c.redirectUri !== param("redirect_uri")) return graphError(400, 100, "Invalid authorization code", 36007);
      const t = id("IGQWshort");
      tokens.set(t, { kind: "short", valid: true });
      return { status: 200, body: { data: [{ access_token: t, user_id: igUserId, permissions: "instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights" }] } };
    }
    const token = param("access_token");
    const tk = token ? tokens.get(token) : undefined;
    if (!tk || !tk.valid) return graphError(401, 190, "Error validating access token: Session has expired.", 463);
    if (req.method === "GET" && p === "/access_token") {
      if (q.get("grant_type") !== "ig_exchange_token" || q.get("client_secret") !== options.appSecret) return graphError(400, 100, "Invalid grant");
      const t = id("IGQWlong");
      tokens.set(t, { kind: "long", valid: true });
      return { status: 200, body: { access_token: t, token_type: "bearer", expires_in: 5183944 } };
    }
    if (req.method === "GET" && p === "/refresh_access_token") {
      const t = id("IGQWlong");
      tokens.set(t, { kind: "long", valid: true });
      return { status: 200, body: { access_token: t, token_type: "bearer", expires_in: 5183944 } };
    }
    if (req.method === "GET" && p === "/me") return { status: 200, body: { user_id: igUserId, username: "fake.brand" } };
    if (req.method === "GET" && p === `/${igUserId}/content_publishing_limit`) {
      return { status: 200, body: { data: [{ quota_usage: options.quotaUsed, config: { quota_total: options.quotaTotal, quota_duration: 86400 } }] } };
    }
    if (req.method === "POST" && p === `/${igUserId}/media`) {
      const f = fault("create");
      if (f) return f;
      if (param("media_type") !== "REELS" || !param("video_url")) return graphError(400, 100, "Param media_type must be REELS with a video_url.");
      const c: InstagramFakeContainer = { id: id("1790"), videoUrl: String(param("video_url")), caption: String(param("caption") ?? ""), polls: 0, status: "IN_PROGRESS", fetchedBytes: 0 };
      if (options.fetchMedia) {
        try {
          const r = await fetch(c.videoUrl);
          const buf = Buffer.from(await r.arrayBuffer());
          if (!r.ok || buf.length === 0) c.status = "ERROR";
          c.fetchedBytes = buf.length;
        } catch {
          c.status = "ERROR";
        }
      }
      containers.set(c.id, c);
      return { status: 200, body: { id: c.id } };
    }
    if (req.method === "POST" && p === `/${igUserId}/media_publish`) {
      const f = fault("publish");
      if (f) return f;
      const c = containers.get(String(param("creation_id")));
      if (!c) return graphError(400, 100, "Unsupported post request. Object does not exist.", 33);
      if (c.status !== "FINISHED") return graphError(400, 9007, "Media ID is not available", 2207027);
      if (options.quotaUsed >= options.quotaTotal) return graphError(400, 9, "Application request limit reached", 2207042);
      options.quotaUsed += 1;
      c.status = "PUBLISHED";
      c.mediaId = id("1800");
      media.set(c.mediaId, { id: c.mediaId, caption: c.caption, views: 0 });
      return { status: 200, body: { id: c.mediaId } };
    }
    if (req.method === "GET" && p === `/${igUserId}/media`) {
      return { status: 200, body: { data: [...media.values()].reverse().map((m) => ({ id: m.id, caption: m.caption })) } };
    }
    const ins = /^\/([^/]+)\/insights$/.exec(p);
    if (req.method === "GET" && ins) {
      const m = media.get(ins[1]);
      if (!m) return graphError(400, 100, "Object does not exist");
      m.views += 500;
      const row = (name: string, value: number) => ({ name, period: "lifetime", values: [{ value }], id: `${m.id}/insights/${name}/lifetime` });
      return { status: 200, body: { data: [row("views", m.views), row("likes", 40), row("comments", 5), row("shares", 2), row("ig_reels_video_view_total_time", 123_000)] } };
    }
    const node = /^\/([^/]+)$/.exec(p);
    if (req.method === "GET" && node) {
      const f = fault("status");
      if (f) return f;
      const c = containers.get(node[1]);
      if (c) {
        if (c.status === "IN_PROGRESS" && c.polls++ >= options.pollsBeforeReady) c.status = "FINISHED";
        return { status: 200, body: { status_code: c.status, ...(c.status === "ERROR" ? { status: "Error: media could not be fetched from video_url (2207026)" } : {}), id: c.id } };
      }
      const m = media.get(node[1]);
      if (m) return { status: 200, body: { id: m.id, permalink: `https://www.instagram.com/reel/${m.id}/` } };
      return graphError(400, 100, "Object does not exist");
    }
    return graphError(404, 100, `Unknown path ${req.method} ${req.path}`);
  };

  const base = await startPlatformServer(handler, () => {
    for (const t of tokens.values()) t.valid = false;
  }, port);
  return Object.assign(base, {
    appId: options.appId, appSecret: options.appSecret, igUserId, containers, options,
    published: () => [...containers.values()].filter((c) => c.status === "PUBLISHED"),
  });
}
