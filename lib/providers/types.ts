/**
 * The contract every video provider adapter implements. The pipeline (lib/videos) and
 * failover (lib/providers/failover.ts) only ever talk to this interface, so adding a provider
 * never touches the state machine.
 */
import { AppError } from "@/lib/errors";

export const PROVIDER_IDS = ["local", "heygen", "kling", "pika", "runway"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

/**
 * Every output shape the product offers. A provider lists the ones it truly makes in
 * `capabilities.aspectRatios` and routing (lib/providers/failover.ts isCapable) skips it for the
 * others: a 4:5 request never goes to a provider that would crop or letterbox it.
 */
export const ASPECT_RATIOS = ["9:16", "16:9", "1:1", "4:5"] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

export type Capability = "avatar_presenter" | "talking_photo" | "text_to_video" | "image_to_video";

/**
 * What a provider makes. A presenter provider turns a script into a talking person with a voice;
 * a clip provider turns a prompt or image into a short silent visual. Failover stays within a
 * role: a presenter video never falls back to a silent clip.
 */
export type ProviderRole = "presenter" | "clip";
export const PROVIDER_ROLES = ["presenter", "clip"] as const satisfies readonly ProviderRole[];

export interface ProviderCapabilities {
  /** The roles this provider can play (see ProviderRole). */
  roles: ProviderRole[];
  kinds: Capability[];
  aspectRatios: AspectRatio[];
  /**
   * Shapes the provider makes only from a prompt: its image-to-video follows the image's shape
   * (Pika on fal has no aspect_ratio there), so a request with an image never goes to it for these.
   */
  textOnlyAspectRatios?: AspectRatio[];
  /** Longest video the provider will make in one job, in seconds. */
  maxDurationSec: number;
  /** As a presenter it animates a photo: without `avatar.imageUrl` it cannot present. */
  presenterNeedsImage?: boolean;
  /** Provider burns captions itself (otherwise the local post-process may add them). */
  captions: boolean;
  cancel: boolean;
  webhooks: boolean;
}

export type Background =
  | { type: "color"; value: string }
  | { type: "gradient"; colors: [string, string] }
  | { type: "image"; key: string }
  | { type: "video"; key: string };

export type PresenterStyle = "normal" | "closeup" | "circle";

/** What a provider needs to know about the chosen avatar profile. */
export interface AvatarRef {
  id: string;
  /** Stable key of a seeded profile ("sarah", "mike", ...); the local studio draws by it. */
  slug: string;
  name: string;
  avatarType: "avatar" | "talking_photo";
  style: PresenterStyle;
  /** BCP-47-ish language of the voice, e.g. "en-US", "es-ES". */
  language: string;
  /** Provider-specific avatar / voice ids, e.g. { heygen: "Angela-inTshirt-20220820" }. */
  providerAvatarIds: Partial<Record<ProviderId, string>>;
  providerVoiceIds: Partial<Record<ProviderId, string>>;
  /** Publicly reachable image of the presenter, for talking-photo / image-to-video providers. */
  imageUrl?: string;
  /** Picks a provider's default voice when the profile has none for that provider. */
  gender?: "female" | "male";
}

export interface GenerationRequest {
  /** Our video_generations id; with `attempt` it forms the idempotency key sent upstream. */
  generationId: string;
  attempt: number;
  title: string;
  script: string;
  aspectRatio: AspectRatio;
  /** 0.5–2.0 */
  voiceSpeed: number;
  captions: boolean;
  background: Background;
  avatar: AvatarRef;
  /** Where the provider may call us back when it finishes (providers with webhooks). */
  callbackUrl?: string;
  /** Which product is asked for: a talking presenter (default) or a short clip. */
  role?: ProviderRole;
}

export interface ProviderCredentials {
  apiKey?: string;
  accessKey?: string;
  secretKey?: string;
  /** Overrides the public base URL (tests point this at e2e/fakes). */
  baseUrl?: string;
  /** e.g. HeyGen "v2" | "v3", Runway "2024-11-06". */
  apiVersion?: string;
  /** Shared secret for verifying the provider's callbacks. */
  webhookSecret?: string;
  /** The workspace's model pick (lib/providers/<vendor>/models.ts); unset = the table's default. */
  model?: string;
}

export interface ProgressUpdate {
  stage: string;
  /** 0–100 within the provider's own work. */
  percent: number;
}

export interface ProviderContext {
  credentials: ProviderCredentials;
  signal?: AbortSignal;
  /** Scratch directory the adapter may write into (the local studio renders here). */
  workDir: string;
  onProgress?: (p: ProgressUpdate) => void;
  /** Reads a stored media object (backgrounds) to a local path; given by the pipeline. */
  resolveMedia?: (key: string) => Promise<string>;
}

export interface SubmitResult {
  externalId: string;
}

export type NormalisedStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled";

export interface PollResult {
  status: NormalisedStatus;
  /** 0–100 when the provider reports it. */
  progress?: number;
  /** Short-lived URL of the result (download at once). */
  resultUrl?: string;
  error?: string;
  /** Integer cents the provider says it billed for this job (recorded as the charge when set). */
  billedCents?: number;
}

export interface CostModel {
  /** Integer cents per provider unit. */
  centsPerUnit: number;
  /** e.g. "credit", "second", "video". */
  unitName: string;
  /** Provider units per second of output (e.g. HeyGen: 1 credit per 60 s → 1/60). */
  unitsPerSecond: number;
  /** Minimum units billed per job. */
  minUnits: number;
}

export interface CostEstimate {
  /** Integer cents. */
  cents: number;
  /** Integer provider units (credits, seconds, ...), rounded up. */
  units: number;
  unitName: string;
  /** The output length the estimate assumed. */
  durationSec: number;
}

export interface WebhookEvent {
  externalId: string;
  /** What the callback claims; the pipeline re-polls instead of trusting it. */
  claimedStatus?: NormalisedStatus;
}

export interface VideoProvider {
  id: ProviderId;
  displayName: string;
  capabilities: ProviderCapabilities;
  /** Whether the provider can run at all with these credentials (keys present). */
  isConfigured(credentials: ProviderCredentials): boolean;
  estimateCost(req: Pick<GenerationRequest, "script" | "voiceSpeed">, model: CostModel): CostEstimate;
  submit(ctx: ProviderContext, req: GenerationRequest): Promise<SubmitResult>;
  poll(ctx: ProviderContext, externalId: string): Promise<PollResult>;
  /** Downloads the finished video to `destPath` (the pipeline stores it). */
  fetchResult(ctx: ProviderContext, externalId: string, destPath: string): Promise<{ path: string; bytes: number }>;
  cancel?(ctx: ProviderContext, externalId: string): Promise<void>;
  testConnection(ctx: ProviderContext): Promise<{ ok: true; detail?: string }>;
  verifyWebhook?(headers: Headers, rawBody: string, credentials: ProviderCredentials): boolean;
  /**
   * Whether this delivery claims a signature (a registered webhook endpoint). Unsigned deliveries
   * (per-job callback URLs) are accepted only as a hint to re-poll.
   */
  callbackIsSigned?(headers: Headers): boolean;
  parseWebhook?(body: unknown): WebhookEvent | null;
}

export type ProviderErrorKind =
  /** Try again later at the same provider: 5xx, network, timeout. */
  | "retryable"
  /** 429: wait `retryAfterMs`; never counts against the circuit breaker. */
  | "rate_limited"
  /** 4xx, moderation, bad input: do not retry this provider for this request. */
  | "permanent"
  /** The provider's account is out of credits / quota. */
  | "budget";

export class ProviderError extends AppError {
  readonly provider: ProviderId;
  readonly kind: ProviderErrorKind;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;
  constructor(
    provider: ProviderId,
    kind: ProviderErrorKind,
    message: string,
    opts: { retryAfterMs?: number; httpStatus?: number } = {},
  ) {
    super(kind === "rate_limited" ? "rate_limited" : "provider_error", message, { provider, kind });
    this.name = "ProviderError";
    this.provider = provider;
    this.kind = kind;
    this.retryAfterMs = opts.retryAfterMs;
    this.httpStatus = opts.httpStatus;
  }
}

/** Seconds of speech a script takes at a voice speed: ~150 words a minute at 1.0. */
export function estimateSpeechSeconds(script: string, voiceSpeed: number): number {
  const words = script.trim().split(/\s+/).filter(Boolean).length;
  const sentences = (script.match(/[.!?](\s|$)/g) ?? []).length;
  return Math.max(1, Math.round(((words / 2.5) + sentences * 0.35) / Math.max(0.5, voiceSpeed)));
}
