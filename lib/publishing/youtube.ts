/**
 * YouTube client: Google OAuth 2.0 web-server flow with PKCE and offline access, resumable
 * videos.insert (session URI kept in the post so a crashed upload resumes from YouTube's own
 * byte count), and videos.list statistics for metrics.
 * Source: see ./youtube-transform.ts (developers.google.com, read 2026-11-30).
 */
import type { PlatformAppConfig } from "./config";
import { PlatformError, platformFetch, readJsonBody, retryAfterSeconds } from "./errors";
import { googleError, googleTokenSet, nextByteFromRange, youtubeInsertBody, youtubeMetrics } from "./youtube-transform";
import type { PlatformClient, PublishRequest, PublishStep, TokenSet } from "./types";

export class YouTubeClient implements PlatformClient {
  readonly platform = "youtube" as const;
  readonly pkce = true;
  readonly scopes = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.readonly"];

  constructor(private readonly cfg: PlatformAppConfig, private readonly now: () => Date = () => new Date()) {}

  authorizeUrl(p: { state: string; redirectUri: string; codeChallenge: string | null }): string {
    const u = new URL(`${this.cfg.authBase}/o/oauth2/v2/auth`);
    u.searchParams.set("client_id", this.cfg.clientId);
    u.searchParams.set("redirect_uri", p.redirectUri);
    u.searchParams.set("response_type", "code");
    u.searchParams.set("scope", this.scopes.join(" "));
    // offline + consent: Google only hands out a refresh token this way.
    u.searchParams.set("access_type", "offline");
    u.searchParams.set("prompt", "consent");
    u.searchParams.set("include_granted_scopes", "true");
    u.searchParams.set("state", p.state);
    if (p.codeChallenge) {
      u.searchParams.set("code_challenge", p.codeChallenge);
      u.searchParams.set("code_challenge_method", "S256");
    }
    return u.toString();
  }

  private async tokenCall(form: Record<string, string>, previousRefresh: string | null): Promise<TokenSet> {
    const res = await platformFetch("youtube", `${this.cfg.tokenBase}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: this.cfg.clientId, client_secret: this.cfg.clientSecret, ...form }),
    });
    const json = await readJsonBody("youtube", res);
    if (!res.ok) throw googleError(res.status, json);
    return googleTokenSet(json as never, this.now(), previousRefresh);
  }

  exchangeCode(p: { code: string; redirectUri: string; codeVerifier: string | null }) {
    return this.tokenCall({ code: p.code, grant_type: "authorization_code", redirect_uri: p.redirectUri, ...(p.codeVerifier ? { code_verifier: p.codeVerifier } : {}) }, null);
  }

  refresh(t: { refreshToken: string | null }) {
    if (!t.refreshToken) throw new PlatformError("youtube", "auth", "invalid_grant", "YouTube gave no refresh token; reconnect the account.");
    return this.tokenCall({ grant_type: "refresh_token", refresh_token: t.refreshToken }, t.refreshToken);
  }

  async revoke(accessToken: string): Promise<void> {
    const res = await platformFetch("youtube", `${this.cfg.tokenBase}/revoke?token=${encodeURIComponent(accessToken)}`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await res.arrayBuffer();
  }

  private async api<T>(accessToken: string, path: string): Promise<T> {
    const res = await platformFetch("youtube", `${this.cfg.apiBase}${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    const json = await readJsonBody("youtube", res);
    if (!res.ok) throw googleError(res.status, json, retryAfterSeconds(res.headers.get("retry-after")));
    return json as T;
  }

  async identity(accessToken: string) {
    const d = await this.api<{ items?: Array<{ id: string; snippet?: { title?: string } }> }>(accessToken, "/youtube/v3/channels?part=snippet&mine=true");
    const ch = d.items?.[0];
    if (!ch) throw new PlatformError("youtube", "permanent", "no_channel", "This Google account has no YouTube channel; create one, then connect again.");
    return { externalAccountId: ch.id, displayName: ch.snippet?.title || ch.id };
  }

  async publish(accessToken: string, _ext: string, req: PublishRequest): Promise<PublishStep> {
    // Unverified projects: YouTube locks the upload to private whatever we ask; ask for it honestly.
    const privacy = req.unaudited ? "private" : req.privacy;
    let session = req.uploadRef;
    let from = 0;
    if (!session) {
      const body = youtubeInsertBody({
        title: req.title, caption: req.caption, tags: (req.options.tags as string[] | undefined) ?? [], privacy,
        madeForKids: req.options.madeForKids === true,
      });
      const res = await platformFetch("youtube", `${this.cfg.apiBase}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${accessToken}`, "content-type": "application/json; charset=UTF-8",
          "x-upload-content-length": String(req.media.size), "x-upload-content-type": req.media.contentType,
        },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw googleError(res.status, await readJsonBody("youtube", res), retryAfterSeconds(res.headers.get("retry-after")));
      await res.arrayBuffer();
      session = res.headers.get("location");
      if (!session) throw new PlatformError("youtube", "transient", "no_session", "YouTube did not return an upload session; will retry.");
      await req.saveUploadRef(session);
    } else {
      // Ask YouTube how much of the file it already has.
      const res = await platformFetch("youtube", session, { method: "PUT", headers: { authorization: `Bearer ${accessToken}`, "content-range": `bytes */${req.media.size}` } });
      const json = await readJsonBody("youtube", res);
      if (res.status === 200 || res.status === 201) return this.done(json, privacy, req);
      if (res.status === 404 || res.status === 410) throw new PlatformError("youtube", "permanent", "session_expired", "The YouTube upload session expired; publish again.");
      if (res.status !== 308) throw googleError(res.status, json);
      from = nextByteFromRange(res.headers.get("range"));
    }
    const end = req.media.size - 1;
    const bytes = await req.media.read(from, end);
    const res = await platformFetch("youtube", session, {
      method: "PUT",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": req.media.contentType, "content-range": `bytes ${from}-${end}/${req.media.size}` },
      body: new Uint8Array(bytes),
      timeoutMs: 10 * 60_000,
    });
    const json = await readJsonBody("youtube", res);
    if (res.status === 200 || res.status === 201) return this.done(json, privacy, req);
    if (res.status === 308) return { state: "processing" };
    throw googleError(res.status, json, retryAfterSeconds(res.headers.get("retry-after")));
  }

  private done(json: unknown, askedPrivacy: string, req: PublishRequest): PublishStep {
    const v = json as { id?: string; status?: { privacyStatus?: string; uploadStatus?: string; rejectionReason?: string; failureReason?: string } };
    if (v.status?.uploadStatus === "rejected" || v.status?.uploadStatus === "failed") {
      throw new PlatformError("youtube", "permanent", v.status.rejectionReason ?? v.status.failureReason ?? "rejected", `YouTube rejected the upload: ${v.status.rejectionReason ?? v.status.failureReason}.`);
    }
    const actual = v.status?.privacyStatus ?? askedPrivacy;
    // What the user asked for before an unverified project forced private (createPost keeps it).
    const asked = (req.options.requestedPrivacy as string | null | undefined) ?? req.privacy;
    const locked = actual === "private" && asked !== "private";
    return {
      state: "published",
      platformPostId: v.id ?? null,
      url: v.id ? `https://www.youtube.com/watch?v=${v.id}` : null,
      visibility: actual === "public" ? "public" : "private",
      note: locked ? "Uploaded as private: this YouTube API project is not verified by Google yet." : undefined,
    };
  }

  async metrics(accessToken: string, _ext: string, ids: string[]) {
    if (!ids.length) return new Map();
    return youtubeMetrics(await this.api(accessToken, `/youtube/v3/videos?part=statistics&id=${ids.slice(0, 50).map(encodeURIComponent).join(",")}`));
  }
}
