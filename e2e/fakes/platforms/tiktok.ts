/**
 * TikTok fake: Login Kit v2 OAuth (authorize → code, /v2/oauth/token/ with PKCE S256 and
 * refresh-token rotation, /v2/oauth/revoke/), /v2/user/info/, Content Posting API Direct Post
 * (creator_info/query, video/init with FILE_UPLOAD chunks, PUT upload_url with Content-Range
 * → 206/201, or with PULL_FROM_URL: TikTok GETs video_url itself, only from a URL prefix the
 * developer verified, else 403 url_ownership_unverified; a failed download ends FAILED with
 * fail_reason video_pull_failed; status/fetch with PROCESSING_UPLOAD → PROCESSING_DOWNLOAD →
 * PUBLISH_COMPLETE | FAILED) and /v2/video/query/ for metrics.
 * Errors as documented: { data: {}, error: { code, message, log_id } } with
 * rate_limit_exceeded (429), access_token_invalid (401), spam_risk_too_many_posts (403),
 * unaudited_client_can_only_post_to_private_accounts (403), privacy_level_option_mismatch (400).
 * Source: developers.tiktok.com — content-posting-api-reference-direct-post, -query-creator-info,
 * -get-video-status, content-posting-api-media-transfer-guide (#pull_from_url: "URL ownership verification"),
 * oauth-user-access-token-management; read 2026-11-30.
 */
import { autoConsent, bearer, id, s256, startPlatformServer, type PlatformFake, type Req, type Res } from "./common";

export interface TikTokFakeOptions {
  clientKey?: string;
  clientSecret?: string;
  /** Unaudited clients may only post SELF_ONLY. */
  audited?: boolean;
  /** Posts TikTok accepts per creator per day before spam_risk_too_many_posts. */
  dailyPostLimit?: number;
  /** status/fetch answers before PUBLISH_COMPLETE once all bytes are in. */
  pollsBeforeDone?: number;
  privacyLevelOptions?: string[];
  /** URL prefixes/domains verified for PULL_FROM_URL in the developer portal. */
  verifiedUrlPrefixes?: string[];
}

export interface TikTokFakePost {
  publishId: string;
  openId: string;
  size: number;
  chunkSize: number;
  received: number;
  privacy: string;
  title: string;
  isAigc: boolean;
  polls: number;
  postId: string;
  views: number;
  source: "FILE_UPLOAD" | "PULL_FROM_URL";
  /** PULL_FROM_URL: TikTok's download of video_url (status/fetch waits on it). */
  pulled?: Promise<void>;
  failReason?: string;
}

export interface TikTokFake extends PlatformFake {
  clientKey: string;
  clientSecret: string;
  openId: string;
  posts: Map<string, TikTokFakePost>;
  /** Posts that reached PUBLISH_COMPLETE (what the creator's profile shows). */
  published(): TikTokFakePost[];
  options: Required<TikTokFakeOptions>;
}

const ok = (data: unknown): Res => ({ status: 200, body: { data, error: { code: "ok", message: "", log_id: id("log") } } });
export const tiktokError = (status: number, code: string, message: string): Res => ({ status, body: { data: {}, error: { code, message, log_id: id("log") } } });

export async function startTikTokFake(o: TikTokFakeOptions = {}, port = 0): Promise<TikTokFake> {
  const options: Required<TikTokFakeOptions> = {
    clientKey: o.clientKey ?? "tt-client-key", clientSecret: o.clientSecret ?? "tt-client-secret", audited: o.audited ?? false,
    dailyPostLimit: o.dailyPostLimit ?? 15, pollsBeforeDone: o.pollsBeforeDone ?? 1,
    privacyLevelOptions: o.privacyLevelOptions ?? ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"],
    verifiedUrlPrefixes: o.verifiedUrlPrefixes ?? [],
  };
  const openId = id("openid_");
  const codes = new Map<string, { challenge: string | null; redirectUri: string; clientId: string }>();
  const access = new Map<string, { openId: string; valid: boolean }>();
  const refresh = new Map<string, string>();
  const posts = new Map<string, TikTokFakePost>();
  const self: { fake?: TikTokFake } = {};

  const issue = (): Res => {
    const at = id("act.");
    const rt = id("rft.");
    access.set(at, { openId, valid: true });
    refresh.set(rt, openId);
    return { status: 200, body: { access_token: at, expires_in: 86400, open_id: openId, refresh_token: rt, refresh_expires_in: 31536000, scope: "user.info.basic,video.publish,video.list", token_type: "Bearer" } };
  };

  const authed = (req: Req): string | Res => {
    const t = bearer(req);
    const a = t ? access.get(t) : undefined;
    if (!a || !a.valid) return tiktokError(401, "access_token_invalid", "The access token is invalid or not found in the request.");
    return a.openId;
  };

  const handler = async (req: Req, fault: (r: string) => Res | null): Promise<Res> => {
    const p = req.path;
    if (req.method === "GET" && p === "/v2/auth/authorize/") return autoConsent(req, codes, "client_key");
    if (req.method === "POST" && p === "/v2/oauth/token/") {
      const f = fault("token");
      if (f) return f;
      const b = req.body as Record<string, string>;
      if (b.client_key !== options.clientKey || b.client_secret !== options.clientSecret) return { status: 401, body: { error: "invalid_client", error_description: "Client key or secret is incorrect.", log_id: id("log") } };
      if (b.grant_type === "authorization_code") {
        const c = codes.get(b.code);
        codes.delete(b.code);
        if (!c || c.redirectUri !== b.redirect_uri) return { status: 400, body: { error: "invalid_grant", error_description: "Authorization code is expired.", log_id: id("log") } };
        if (c.challenge && s256(b.code_verifier ?? "") !== c.challenge) return { status: 400, body: { error: "invalid_grant", error_description: "Code verifier or code challenge is invalid.", log_id: id("log") } };
        return issue();
      }
      if (b.grant_type === "refresh_token") {
        if (!refresh.has(b.refresh_token)) return { status: 400, body: { error: "invalid_grant", error_description: "Refresh token is invalid or expired.", log_id: id("log") } };
        refresh.delete(b.refresh_token); // rotated
        return issue();
      }
      return { status: 400, body: { error: "unsupported_grant_type", error_description: "grant_type", log_id: id("log") } };
    }
    if (req.method === "POST" && p === "/v2/oauth/revoke/") {
      const a = access.get(String(req.body.token));
      if (a) a.valid = false;
      return { status: 200, body: {} };
    }
    if (req.method === "PUT" && p.startsWith("/upload/")) {
      const f = fault("upload");
      if (f) return f;
      const post = posts.get(p.slice("/upload/".length));
      if (!post) return { status: 404, raw: Buffer.from("not found") };
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(req.headers["content-range"] ?? ""));
      if (!m || Number(m[3]) !== post.size || Number(m[2]) - Number(m[1]) + 1 !== req.raw.length) return { status: 400, raw: Buffer.from("bad Content-Range") };
      post.received = Math.max(post.received, Number(m[2]) + 1);
      return { status: post.received >= post.size ? 201 : 206 };
    }

    const who = authed(req);
    if (typeof who !== "string") return who;
    if (req.method === "GET" && p === "/v2/user/info/") return ok({ user: { open_id: who, display_name: "Fake Creator" } });
    if (req.method === "POST" && p === "/v2/post/publish/creator_info/query/") {
      const f = fault("creator_info");
      if (f) return f;
      return ok({
        creator_avatar_url: "https://example.invalid/a.jpg", creator_username: "fake.creator", creator_nickname: "Fake Creator",
        privacy_level_options: options.privacyLevelOptions, comment_disabled: false, duet_disabled: false, stitch_disabled: true, max_video_post_duration_sec: 600,
      });
    }
    if (req.method === "POST" && p === "/v2/post/publish/video/init/") {
      const f = fault("init");
      if (f) return f;
      const b = req.body as { post_info?: { title?: string; privacy_level?: string; is_aigc?: boolean }; source_info?: { source?: string; video_size?: number; chunk_size?: number; total_chunk_count?: number } };
      const privacy = b.post_info?.privacy_level ?? "";
      if (!options.privacyLevelOptions.includes(privacy)) return tiktokError(400, "privacy_level_option_mismatch", "privacy_level is not one of the creator's options.");
      if (!options.audited && privacy !== "SELF_ONLY") return tiktokError(403, "unaudited_client_can_only_post_to_private_accounts", "Unaudited clients can only post to a private account.");
      const today = [...posts.values()].filter((x) => x.openId === who).length;
      if (today >= options.dailyPostLimit) return tiktokError(403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user.");
      const s = b.source_info ?? {};
      if (s.source === "PULL_FROM_URL") {
        const url = String((s as { video_url?: string }).video_url ?? "");
        if (!url) return tiktokError(400, "invalid_params", "video_url is required for PULL_FROM_URL.");
        if (!options.verifiedUrlPrefixes.some((p) => url.startsWith(p))) {
          return tiktokError(403, "url_ownership_unverified", "The video_url domain or URL prefix is not verified for this client.");
        }
        const publishId = id("v_pub_url~v2-1.");
        const post: TikTokFakePost = {
          publishId, openId: who, size: 0, chunkSize: 0, received: 0, privacy, title: b.post_info?.title ?? "",
          isAigc: b.post_info?.is_aigc === true, polls: 0, postId: String(7_000_000_000_000_000_000n + BigInt(posts.size + 1)), views: 0, source: "PULL_FROM_URL",
        };
        // TikTok downloads on its own time; status/fetch answers once the download settled.
        post.pulled = (async () => {
          try {
            const res = await fetch(url);
            const bytes = Buffer.from(await res.arrayBuffer());
            if (!res.ok || bytes.length === 0) throw new Error(`HTTP ${res.status}`);
            post.size = bytes.length;
            post.received = bytes.length;
          } catch {
            post.failReason = "video_pull_failed";
          }
        })();
        posts.set(publishId, post);
        return ok({ publish_id: publishId });
      }
      if (s.source !== "FILE_UPLOAD" || !s.video_size || !s.chunk_size || !s.total_chunk_count) return tiktokError(400, "invalid_params", "source_info is incomplete.");
      if (Math.floor(s.video_size / s.chunk_size) !== s.total_chunk_count && !(s.video_size === s.chunk_size && s.total_chunk_count === 1)) {
        return tiktokError(400, "invalid_params", "total_chunk_count does not match video_size / chunk_size.");
      }
      const publishId = id("v_pub_file~v2-1.");
      posts.set(publishId, {
        publishId, openId: who, size: s.video_size, chunkSize: s.chunk_size, received: 0, privacy, title: b.post_info?.title ?? "",
        isAigc: b.post_info?.is_aigc === true, polls: 0, postId: String(7_000_000_000_000_000_000n + BigInt(posts.size + 1)), views: 0, source: "FILE_UPLOAD",
      });
      return ok({ publish_id: publishId, upload_url: `${self.fake!.baseUrl}/upload/${encodeURIComponent(publishId)}` });
    }
    if (req.method === "POST" && p === "/v2/post/publish/status/fetch/") {
      const f = fault("status");
      if (f) return f;
      const post = posts.get(String(req.body.publish_id));
      if (!post || post.openId !== who) return tiktokError(400, "invalid_publish_id", "publish_id does not exist.");
      if (post.pulled) await post.pulled;
      if (post.failReason) return ok({ status: "FAILED", fail_reason: post.failReason });
      if (post.received < post.size) return ok({ status: "PROCESSING_UPLOAD", uploaded_bytes: post.received });
      if (post.polls++ < options.pollsBeforeDone) return ok({ status: "PROCESSING_DOWNLOAD", uploaded_bytes: post.size });
      return ok({ status: "PUBLISH_COMPLETE", publicaly_available_post_id: [post.postId], uploaded_bytes: post.size });
    }
    if (req.method === "POST" && p === "/v2/video/query/") {
      const f = fault("video_query");
      if (f) return f;
      const ids = ((req.body.filters as { video_ids?: string[] })?.video_ids ?? []).map(String);
      const videos = [...posts.values()].filter((x) => ids.includes(x.postId)).map((x) => {
        x.views += 1000;
        return { id: x.postId, view_count: x.views, like_count: x.views / 10, comment_count: 7, share_count: 3 };
      });
      return ok({ videos, cursor: 0, has_more: false });
    }
    return tiktokError(404, "not_found", `No route ${req.method} ${p}`);
  };

  const base = await startPlatformServer(handler, () => {
    for (const a of access.values()) a.valid = false;
  }, port);
  const fake: TikTokFake = Object.assign(base, {
    clientKey: options.clientKey, clientSecret: options.clientSecret, openId, posts, options,
    published: () => [...posts.values()].filter((x) => x.received >= x.size && x.polls > options.pollsBeforeDone),
  });
  self.fake = fake;
  return fake;
}
