/**
 * Instagram client (Instagram API with Instagram Login): OAuth code → short-lived token →
 * long-lived token (60 days, refreshed with ig_refresh_token), Reels publishing by container
 * (media_type=REELS from a public video_url, poll status_code, then media_publish), the
 * 24-hour content_publishing_limit, and media insights.
 * Source: see ./instagram-transform.ts (developers.facebook.com, read 2026-11-30).
 */
import type { PlatformAppConfig } from "./config";
import { PlatformError, platformFetch, readJsonBody, retryAfterSeconds } from "./errors";
import { containerState, graphError, instagramInsights, publishingQuota } from "./instagram-transform";
import type { PlatformClient, PublishRequest, PublishStep, TokenSet } from "./types";

const V = "v23.0";

export class InstagramClient implements PlatformClient {
  readonly platform = "instagram" as const;
  readonly pkce = false;
  readonly scopes = ["instagram_business_basic", "instagram_business_content_publish", "instagram_business_manage_insights"];

  constructor(private readonly cfg: PlatformAppConfig, private readonly now: () => Date = () => new Date()) {}

  authorizeUrl(p: { state: string; redirectUri: string }): string {
    const u = new URL(`${this.cfg.authBase}/oauth/authorize`);
    u.searchParams.set("client_id", this.cfg.clientId);
    u.searchParams.set("redirect_uri", p.redirectUri);
    u.searchParams.set("response_type", "code");
    u.searchParams.set("scope", this.scopes.join(","));
    u.searchParams.set("state", p.state);
    return u.toString();
  }

  private async graph<T>(method: "GET" | "POST", path: string, params: Record<string, string>): Promise<T> {
    const u = new URL(`${this.cfg.apiBase}${path}`);
    let body: URLSearchParams | undefined;
    if (method === "GET") for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    else body = new URLSearchParams(params);
    const res = await platformFetch("instagram", u.toString(), { method, body });
    const json = await readJsonBody("instagram", res);
    if (!res.ok || (json as { error?: unknown }).error) throw graphError(res.status, json, retryAfterSeconds(res.headers.get("retry-after")));
    return json as T;
  }

  async exchangeCode(p: { code: string; redirectUri: string }): Promise<TokenSet> {
    const res = await platformFetch("instagram", `${this.cfg.tokenBase}/oauth/access_token`, {
      method: "POST",
      body: new URLSearchParams({
        client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret, grant_type: "authorization_code", redirect_uri: p.redirectUri, code: p.code,
      }),
    });
    const json = (await readJsonBody("instagram", res)) as { access_token?: string; user_id?: string | number; permissions?: string | string[]; data?: Array<{ access_token?: string; user_id?: string | number; permissions?: string | string[] }> };
    const d = json.data?.[0] ?? json;
    if (!res.ok || !d.access_token) throw graphError(res.status, json);
    // The short-lived token lasts an hour: swap it for the 60-day one straight away.
    const long = await this.graph<{ access_token: string; expires_in?: number }>("GET", "/access_token", {
      grant_type: "ig_exchange_token", client_secret: this.cfg.clientSecret, access_token: d.access_token,
    });
    const perms = Array.isArray(d.permissions) ? d.permissions : (d.permissions ?? "").split(",").filter(Boolean);
    return {
      accessToken: long.access_token,
      refreshToken: null,
      expiresAt: long.expires_in ? new Date(this.now().getTime() + long.expires_in * 1000) : null,
      refreshExpiresAt: null,
      scopes: perms,
      externalAccountId: d.user_id === undefined ? undefined : String(d.user_id),
    };
  }

  async refresh(t: { accessToken: string }): Promise<TokenSet> {
    const r = await this.graph<{ access_token: string; expires_in?: number }>("GET", "/refresh_access_token", {
      grant_type: "ig_refresh_token", access_token: t.accessToken,
    });
    return { accessToken: r.access_token, refreshToken: null, expiresAt: r.expires_in ? new Date(this.now().getTime() + r.expires_in * 1000) : null, refreshExpiresAt: null, scopes: [] };
  }

  async revoke(): Promise<void> {
    // Instagram Login has no token revocation endpoint; the user removes the app in Instagram settings.
  }

  async identity(accessToken: string) {
    const me = await this.graph<{ user_id?: string | number; id?: string; username?: string }>("GET", `/${V}/me`, { fields: "user_id,username", access_token: accessToken });
    const id = String(me.user_id ?? me.id ?? "");
    if (!id) throw new PlatformError("instagram", "permanent", "no_user_id", "Instagram did not say which account was connected.");
    return { externalAccountId: id, displayName: me.username ? `@${me.username}` : id };
  }

  async publishingQuota(accessToken: string, igUserId: string) {
    return publishingQuota(await this.graph("GET", `/${V}/${igUserId}/content_publishing_limit`, { fields: "quota_usage,config", access_token: accessToken }));
  }

  async publish(accessToken: string, igUserId: string, req: PublishRequest): Promise<PublishStep> {
    let containerId = req.uploadRef;
    if (!containerId) {
      const q = await this.publishingQuota(accessToken, igUserId);
      if (q.used >= q.total) {
        throw new PlatformError("instagram", "permanent", "publishing_limit",
          `Instagram: this account used ${q.used} of its ${q.total} API posts in the last 24 hours — try again tomorrow.`);
      }
      const c = await this.graph<{ id: string }>("POST", `/${V}/${igUserId}/media`, {
        media_type: "REELS", video_url: req.media.publicUrl, caption: req.caption, share_to_feed: "true", access_token: accessToken,
      });
      containerId = c.id;
      await req.saveUploadRef(containerId);
    }
    const st = containerState(await this.graph("GET", `/${V}/${containerId}`, { fields: "status_code,status", access_token: accessToken }));
    if (st.state === "processing") return { state: "processing" };
    if (st.state === "failed") throw new PlatformError("instagram", "permanent", "container_error", `Instagram could not process the video: ${st.reason}`);
    if (st.state === "published") {
      // Published by a run that died before saving the media id: find it among the recent media.
      const recent = await this.graph<{ data?: Array<{ id: string; caption?: string }> }>("GET", `/${V}/${igUserId}/media`, { fields: "id,caption", limit: "25", access_token: accessToken });
      const hit = recent.data?.find((m) => (m.caption ?? "") === req.caption);
      return { state: "published", platformPostId: hit?.id ?? null, url: null, visibility: "public" };
    }
    const pub = await this.graph<{ id: string }>("POST", `/${V}/${igUserId}/media_publish`, { creation_id: containerId, access_token: accessToken });
    let url: string | null = null;
    try {
      url = (await this.graph<{ permalink?: string }>("GET", `/${V}/${pub.id}`, { fields: "permalink", access_token: accessToken })).permalink ?? null;
    } catch {
      // The permalink is a nicety; the post is out.
    }
    return { state: "published", platformPostId: pub.id, url, visibility: "public" };
  }

  async metrics(accessToken: string, _ext: string, ids: string[]) {
    const out = new Map();
    for (const id of ids) {
      out.set(id, instagramInsights(await this.graph("GET", `/${V}/${id}/insights`, {
        metric: "views,likes,comments,shares,ig_reels_video_view_total_time", access_token: accessToken,
      })));
    }
    return out;
  }
}
