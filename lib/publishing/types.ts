/** The contract every platform client meets; the publish service only talks to this. */
import type { SocialPlatform } from "@/db/schema";

export interface TokenSet {
  accessToken: string;
  /** Instagram has none: its long-lived token refreshes itself. */
  refreshToken: string | null;
  expiresAt: Date | null;
  refreshExpiresAt: Date | null;
  scopes: string[];
  /** Known from the token answer on TikTok (open_id) and Instagram (user_id). */
  externalAccountId?: string;
}

export interface PlatformIdentity {
  externalAccountId: string;
  displayName: string;
}

/** The bytes to send, read lazily from storage, and a signed public URL for pull-based uploads. */
export interface MediaSource {
  size: number;
  contentType: string;
  durationSeconds: number | null;
  read(start: number, endInclusive: number): Promise<Buffer>;
  publicUrl: string;
}

export interface PublishRequest {
  caption: string;
  title: string;
  /** TikTok privacy_level / YouTube privacyStatus / Instagram "PUBLIC". */
  privacy: string;
  options: Record<string, unknown>;
  media: MediaSource;
  /** What a previous run saved (publish id, container id, session URL): resume from it. */
  uploadRef: string | null;
  /** Persist before any bytes go out, so a crash after this point resumes, never restarts. */
  saveUploadRef(ref: string): Promise<void>;
  unaudited: boolean;
}

export type PublishStep =
  | { state: "processing" }
  | { state: "published"; platformPostId: string | null; url: string | null; visibility: "public" | "private"; note?: string };

export interface PostMetricsSample {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  watchTimeSeconds: number | null;
}

export interface AuthorizeParams {
  state: string;
  redirectUri: string;
  codeChallenge: string | null;
}

export interface PlatformClient {
  readonly platform: SocialPlatform;
  /** Whether the authorize flow takes a PKCE code_challenge. */
  readonly pkce: boolean;
  readonly scopes: string[];
  authorizeUrl(p: AuthorizeParams): string;
  exchangeCode(p: { code: string; redirectUri: string; codeVerifier: string | null }): Promise<TokenSet>;
  refresh(t: { accessToken: string; refreshToken: string | null }): Promise<TokenSet>;
  revoke(accessToken: string): Promise<void>;
  identity(accessToken: string, tokens: TokenSet): Promise<PlatformIdentity>;
  /** One step forward: uploads/creates as needed, and reports whether the post is out yet. */
  publish(accessToken: string, externalAccountId: string, req: PublishRequest): Promise<PublishStep>;
  metrics(accessToken: string, externalAccountId: string, platformPostIds: string[]): Promise<Map<string, PostMetricsSample>>;
}
