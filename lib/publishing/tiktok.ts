/**
 * TikTok client: Login Kit OAuth v2 (with PKCE), Content Posting API Direct Post by FILE_UPLOAD
 * chunks or by PULL_FROM_URL (TikTok downloads our signed, expiring media URL; the URL's domain or
 * prefix must be verified in the developer portal, else init answers url_ownership_unverified —
 * content-posting-api-media-transfer-guide#pull_from_url), status polling, and video.query for metrics.
 * Source: developers.tiktok.com — content-posting-api-get-started, content-posting-api-reference-direct-post,
 * content-posting-api-reference-query-creator-info, content-posting-api-reference-get-video-status,
 * content-posting-api-media-transfer-guide, oauth-user-access-token-management, login-kit-web; read 2026-11-30.
 * "All content posted by unaudited clients will be restricted to private viewing mode."
 */
import type { PlatformAppConfig } from "./config";
import { PlatformError, platformFetch, readJsonBody } from "./errors";
import {
  creatorOptions,
  tiktokChunkPlan,
  tiktokMetrics,
  tiktokPostState,
  tiktokTokenSet,
  unwrapTikTok,
  type CreatorOptions,
  type TikTokCreatorInfo,
  type TikTokStatus,
  type TikTokTokenAnswer,
  type TikTokVideoRow,
} from "./tiktok-transform";
import type { PlatformClient, PublishRequest, PublishStep, TokenSet } from "./types";

interface TikTokUploadRef {
  publishId: string;
  uploadUrl: string;
  chunkSize: number;
  /** PULL_FROM_URL: TikTok fetches the media itself; nothing to upload or resume on our side. */
  pull?: boolean;
}

export class TikTokClient implements PlatformClient {
  readonly platform = "tiktok" as const;
  readonly pkce = true;
  readonly scopes = ["user.info.basic", "video.publish", "video.list"];

  constructor(private readonly cfg: PlatformAppConfig, private readonly now: () => Date = () => new Date()) {}

  authorizeUrl(p: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    const u = new URL(`${this.cfg.authBase}/v2/auth/authorize/`);
    u.searchParams.set("client_key", this.cfg.clientId);
    u.searchParams.set("scope", this.scopes.join(","));
    u.searchParams.set("response_type", "code");
    u.searchParams.set("redirect_uri", p.redirectUri);
    u.searchParams.set("state", p.state);
    if (p.codeChallenge) {
      u.searchParams.set("code_challenge", p.codeChallenge);
      u.searchParams.set("code_challenge_method", "S256");
    }
    return u.toString();
  }

  private async token(form: Record<string, string>): Promise<TokenSet> {
    const res = await platformFetch("tiktok", `${this.cfg.tokenBase}/v2/oauth/token/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_key: this.cfg.clientId, client_secret: this.cfg.clientSecret, ...form }),
    });
    return tiktokTokenSet(res.status, (await readJsonBody("tiktok", res)) as TikTokTokenAnswer, this.now());
  }

  exchangeCode(p: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet> {
    return this.token({
      code: p.code, grant_type: "authorization_code", redirect_uri: p.redirectUri,
      ...(p.codeVerifier ? { code_verifier: p.codeVerifier } : {}),
    });
  }

  refresh(t: { refreshToken: string | null }): Promise<TokenSet> {
    if (!t.refreshToken) throw new PlatformError("tiktok", "auth", "no_refresh_token", "TikTok gave no refresh token; reconnect the account.");
    return this.token({ grant_type: "refresh_token", refresh_token: t.refreshToken });
  }

  async revoke(accessToken: string): Promise<void> {
    const res = await platformFetch("tiktok", `${this.cfg.tokenBase}/v2/oauth/revoke/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_key: this.cfg.clientId, client_secret: this.cfg.clientSecret, token: accessToken }),
    });
    await res.arrayBuffer();
  }

  private async api<T>(accessToken: string, path: string, body: unknown): Promise<T> {
    const res = await platformFetch("tiktok", `${this.cfg.apiBase}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json; charset=UTF-8" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await readJsonBody("tiktok", res);
    if (res.status === 429) {
      const e = unwrapTikTokSafe(res.status, json);
      throw new PlatformError("tiktok", "rate_limited", e.code, e.message, Number(res.headers.get("retry-after")) || undefined);
    }
    return unwrapTikTok<T>(res.status, json);
  }

  async identity(accessToken: string, tokens: TokenSet) {
    const res = await platformFetch("tiktok", `${this.cfg.apiBase}/v2/user/info/?fields=open_id,display_name`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const d = unwrapTikTok<{ user?: { open_id?: string; display_name?: string } }>(res.status, await readJsonBody("tiktok", res));
    const id = d.user?.open_id ?? tokens.externalAccountId;
    if (!id) throw new PlatformError("tiktok", "permanent", "no_open_id", "TikTok did not say which account was connected.");
    return { externalAccountId: id, displayName: d.user?.display_name || id };
  }

  /** What the Export page must show: the privacy levels this creator may use right now. */
  async creatorInfo(accessToken: string): Promise<CreatorOptions> {
    return creatorOptions(await this.api<TikTokCreatorInfo>(accessToken, "/v2/post/publish/creator_info/query/", undefined));
  }

  async publish(accessToken: string, _ext: string, req: PublishRequest): Promise<PublishStep> {
    let ref: TikTokUploadRef | null = req.uploadRef ? (JSON.parse(req.uploadRef) as TikTokUploadRef) : null;
    // Unaudited clients may only post SELF_ONLY; asking for more is refused by TikTok anyway.
    const privacy = req.unaudited ? "SELF_ONLY" : req.privacy;
    if (!ref) {
      const creator = await this.creatorInfo(accessToken);
      if (!creator.privacyLevelOptions.includes(privacy)) {
        throw new PlatformError("tiktok", "permanent", "privacy_level_option_mismatch",
          `TikTok does not offer "${privacy}" for @${creator.username} (offers: ${creator.privacyLevelOptions.join(", ") || "none"}); pick one of those.`);
      }
      if (req.media.durationSeconds && req.media.durationSeconds > creator.maxDurationSec) {
        throw new PlatformError("tiktok", "permanent", "duration_too_long",
          `The video is ${Math.round(req.media.durationSeconds)} s; @${creator.username} may post at most ${creator.maxDurationSec} s.`);
      }
      const pull = this.cfg.pullFromUrl === true;
      const plan = tiktokChunkPlan(req.media.size);
      const o = req.options;
      const init = await this.api<{ publish_id: string; upload_url?: string }>(accessToken, "/v2/post/publish/video/init/", {
        post_info: {
          title: req.caption,
          privacy_level: privacy,
          disable_comment: o.disableComment === true || creator.commentDisabled,
          disable_duet: o.disableDuet === true || creator.duetDisabled,
          disable_stitch: o.disableStitch === true || creator.stitchDisabled,
          // Presenter videos are AI-generated: TikTok asks for the label.
          is_aigc: true,
        },
        source_info: pull
          ? { source: "PULL_FROM_URL", video_url: req.media.publicUrl }
          : { source: "FILE_UPLOAD", video_size: req.media.size, chunk_size: plan.chunkSize, total_chunk_count: plan.totalChunkCount },
      });
      ref = pull ? { publishId: init.publish_id, uploadUrl: "", chunkSize: 0, pull: true } : { publishId: init.publish_id, uploadUrl: init.upload_url ?? "", chunkSize: plan.chunkSize };
      // Saved before any byte moves: a resumed run polls this publish_id instead of posting again.
      await req.saveUploadRef(JSON.stringify(ref));
      if (!pull) await this.upload(ref, req, 0);
    }
    const st = tiktokPostState(await this.api<TikTokStatus>(accessToken, "/v2/post/publish/status/fetch/", { publish_id: ref.publishId }));
    if (st.state === "uploading") {
      // A worker died mid-upload: send the remaining chunks (the upload URL lives an hour).
      if (!ref.pull && st.uploadedBytes < req.media.size) await this.upload(ref, req, st.uploadedBytes);
      return { state: "processing" };
    }
    if (st.state === "processing") return { state: "processing" };
    if (st.state === "failed") throw new PlatformError("tiktok", "permanent", st.reason, `TikTok could not publish the video: ${st.reason}.`);
    return {
      state: "published",
      platformPostId: st.postId,
      url: null,
      visibility: privacy === "PUBLIC_TO_EVERYONE" ? "public" : "private",
      note: req.unaudited && ((req.options.requestedPrivacy as string | null | undefined) ?? req.privacy) !== "SELF_ONLY" ? "Posted as private (SELF_ONLY): this TikTok app is not audited yet." : undefined,
    };
  }

  private async upload(ref: TikTokUploadRef, req: PublishRequest, fromByte: number): Promise<void> {
    const plan = tiktokChunkPlan(req.media.size, ref.chunkSize);
    for (const [start, end] of plan.ranges) {
      if (end < fromByte) continue;
      const body = await req.media.read(start, end);
      const res = await platformFetch("tiktok", ref.uploadUrl, {
        method: "PUT",
        headers: { "content-type": req.media.contentType, "content-length": String(body.length), "content-range": `bytes ${start}-${end}/${req.media.size}` },
        body: new Uint8Array(body),
      });
      await res.arrayBuffer();
      if (res.status !== 206 && res.status !== 201 && res.status !== 200) {
        throw new PlatformError("tiktok", res.status >= 500 || res.status === 429 ? "transient" : "permanent", `upload_${res.status}`, `TikTok refused a chunk upload (${res.status}).`);
      }
    }
  }

  async metrics(accessToken: string, _ext: string, ids: string[]) {
    if (!ids.length) return new Map();
    const d = await this.api<{ videos?: TikTokVideoRow[] }>(accessToken, "/v2/video/query/?fields=id,view_count,like_count,comment_count,share_count", {
      filters: { video_ids: ids.slice(0, 20) },
    });
    return tiktokMetrics(d.videos ?? []);
  }
}

function unwrapTikTokSafe(status: number, body: unknown): PlatformError {
  try {
    unwrapTikTok(status, body);
  } catch (e) {
    if (e instanceof PlatformError) return e;
  }
  return new PlatformError("tiktok", "rate_limited", "rate_limit_exceeded", "TikTok: too many requests.");
}
