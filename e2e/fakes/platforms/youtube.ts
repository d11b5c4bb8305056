/**
 * YouTube fake: Google OAuth 2.0 (/o/oauth2/v2/auth → code with PKCE S256, POST /token for
 * authorization_code and refresh_token, POST /revoke), Data API v3 GET /youtube/v3/channels?mine=true,
 * resumable videos.insert (POST /upload/youtube/v3/videos?uploadType=resumable → Location session URI;
 * PUT session with Content-Range → 308 Resume Incomplete + Range, or 200 + video resource;
 * PUT "bytes *\/size" asks for the upload status), GET /youtube/v3/videos?part=statistics.
 * Unverified projects: the stored privacyStatus is forced to "private".
 * Errors: { error: { code, message, errors: [{ domain, reason, message }] } } — 403 quotaExceeded,
 * 403 uploadLimitExceeded, 401 authError, 500 backendError; OAuth { error: "invalid_grant" }.
 * Source: developers.google.com/youtube/v3/docs/videos/insert, /guides/using_resumable_upload_protocol,
 * /docs/errors, identity/protocols/oauth2/web-server; read 2026-11-30.
 */
import { autoConsent, bearer, id, s256, startPlatformServer, type PlatformFake, type Req, type Res } from "./common";

export interface YouTubeFakeOptions {
  clientId?: string;
  clientSecret?: string;
  verified?: boolean;
}

export interface YouTubeFakeUpload {
  session: string;
  size: number;
  received: number;
  metadata: { snippet?: { title?: string; description?: string; tags?: string[] }; status?: { privacyStatus?: string; selfDeclaredMadeForKids?: boolean; containsSyntheticMedia?: boolean } };
  videoId?: string;
  views: number;
}

export interface YouTubeFake extends PlatformFake {
  clientId: string;
  clientSecret: string;
  channelId: string;
  uploads: Map<string, YouTubeFakeUpload>;
  published(): YouTubeFakeUpload[];
  options: Required<YouTubeFakeOptions>;
}

export const googleError = (status: number, reason: string, message: string, domain = "youtube.video"): Res => ({
  status, body: { error: { code: status, message, errors: [{ domain, reason, message }] } },
});

export async function startYouTubeFake(o: YouTubeFakeOptions = {}, port = 0): Promise<YouTubeFake> {
  const options: Required<YouTubeFakeOptions> = { clientId: o.clientId ?? "yt-client.apps.googleusercontent.com", clientSecret: o.clientSecret ?? "yt-secret", verified: o.verified ?? false };
  const channelId = id("UC");
  const codes = new Map<string, { challenge: string | null; redirectUri: string; clientId: string }>();
  const access = new Map<string, boolean>();
  const refresh = new Set<string>();
  const uploads = new Map<string, YouTubeFakeUpload>();
  const self: { fake?: YouTubeFake } = {};

  const issue = (withRefresh: boolean): Res => {
    const at = id("ya29.");
    access.set(at, true);
    const body: Record<string, unknown> = { access_token: at, expires_in: 3599, scope: "https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly", token_type: "Bearer" };
    if (withRefresh) {
      const rt = id("1//");
      refresh.add(rt);
      body.refresh_token = rt;
    }
    return { status: 200, body };
  };

  const resource = (u: YouTubeFakeUpload) => ({
    kind: "youtube#video", id: u.videoId, snippet: { title: u.metadata.snippet?.title, description: u.metadata.snippet?.description, channelId },
    status: {
      uploadStatus: "uploaded",
      privacyStatus: options.verified ? (u.metadata.status?.privacyStatus ?? "public") : "private",
      selfDeclaredMadeForKids: u.metadata.status?.selfDeclaredMadeForKids, containsSyntheticMedia: u.metadata.status?.containsSyntheticMedia,
    },
  });

  const handler = async (req: Req, fault: (r: string) => Res | null): Promise<Res> => {
    const p = req.path;
    if (req.method === "GET" && p === "/o/oauth2/v2/auth") return autoConsent(req, codes, "client_id");
    if (req.method === "POST" && p === "/token") {
      const f = fault("token");
      if (f) return f;
      const b = req.body as Record<string, string>;
      if (b.client_id !== options.clientId || b.client_secret !== options.clientSecret) return { status: 401, body: { error: "invalid_client", error_description: "The OAuth client was not found." } };
      if (b.grant_type === "authorization_code") {
        const c = codes.get(b.code);
        codes.delete(b.code);
        if (!c || c.redirectUri !== b.redirect_uri) return { status: 400, body: { error: "invalid_grant", error_description: "Bad Request" } };
        if (c.challenge && s256(b.code_verifier ?? "") !== c.challenge) return { status: 400, body: { error: "invalid_grant", error_description: "Invalid code verifier." } };
        return issue(true);
      }
      if (b.grant_type === "refresh_token") {
        if (!refresh.has(b.refresh_token)) return { status: 400, body: { error: "invalid_grant", error_description: "Token has been expired or revoked." } };
        return issue(false);
      }
      return { status: 400, body: { error: "unsupported_grant_type" } };
    }
    if (req.method === "POST" && p === "/revoke") {
      const t = req.query.get("token") ?? "";
      access.delete(t);
      refresh.delete(t);
      return { status: 200, body: {} };
    }
    const t = bearer(req);
    if (!t || !access.get(t)) return googleError(401, "authError", "Invalid Credentials", "global");
    if (req.method === "GET" && p === "/youtube/v3/channels") return { status: 200, body: { kind: "youtube#channelListResponse", items: [{ kind: "youtube#channel", id: channelId, snippet: { title: "Fake Channel" } }] } };
    if (req.method === "POST" && p === "/upload/youtube/v3/videos") {
      const f = fault("insert");
      if (f) return f;
      if (req.query.get("uploadType") !== "resumable") return googleError(400, "invalidUploadType", "Use uploadType=resumable.");
      const size = Number(req.headers["x-upload-content-length"]);
      const meta = req.body as YouTubeFakeUpload["metadata"];
      if (!size) return googleError(400, "invalidValue", "X-Upload-Content-Length is required.");
      if (typeof meta.status?.selfDeclaredMadeForKids !== "boolean") return googleError(400, "invalidValue", "status.selfDeclaredMadeForKids must be set.");
      const session = id("sess_");
      uploads.set(session, { session, size, received: 0, metadata: meta, views: 0 });
      return { status: 200, headers: { location: `${self.fake!.baseUrl}/upload/session/${session}` }, body: {} };
    }
    if (req.method === "PUT" && p.startsWith("/upload/session/")) {
      const u = uploads.get(p.slice("/upload/session/".length));
      if (!u) return googleError(404, "notFound", "Upload session not found.");
      const cr = String(req.headers["content-range"] ?? "");
      if (cr === `bytes */${u.size}`) {
        if (u.videoId) return { status: 200, body: resource(u) };
        return { status: 308, headers: u.received ? { range: `bytes=0-${u.received - 1}` } : {} };
      }
      const f = fault("upload");
      if (f) {
        // Keep what arrived before the failure, as a real session does.
        const m0 = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(cr);
        if (m0 && Number(m0[1]) === u.received) u.received += Math.floor(req.raw.length / 2);
        return f;
      }
      const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(cr);
      if (!m || Number(m[1]) !== u.received || Number(m[2]) - Number(m[1]) + 1 !== req.raw.length) return googleError(400, "badContent", `Content-Range ${cr} does not follow ${u.received} bytes received.`);
      u.received = Number(m[2]) + 1;
      if (u.received < u.size) return { status: 308, headers: { range: `bytes=0-${u.received - 1}` } };
      u.videoId ??= id("").slice(0, 11);
      return { status: 200, body: resource(u) };
    }
    if (req.method === "GET" && p === "/youtube/v3/videos") {
      const ids = (req.query.get("id") ?? "").split(",");
      const items = [...uploads.values()].filter((u) => u.videoId && ids.includes(u.videoId)).map((u) => {
        u.views += 2000;
        return { kind: "youtube#video", id: u.videoId, statistics: { viewCount: String(u.views), likeCount: "120", favoriteCount: "0", commentCount: "9" } };
      });
      return { status: 200, body: { kind: "youtube#videoListResponse", items } };
    }
    return googleError(404, "notFound", `No route ${req.method} ${p}`);
  };

  const base = await startPlatformServer(handler, () => access.clear(), port);
  const fake: YouTubeFake = Object.assign(base, {
    clientId: options.clientId, clientSecret: options.clientSecret, channelId, uploads, options,
    published: () => [...uploads.values()].filter((u) => !!u.videoId),
  });
  self.fake = fake;
  return fake;
}
