/**
 * All configuration, validated once. Every variable is documented here and the README's
 * configuration table is checked against ENV_DOCS by a test, so the two cannot drift.
 */
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", "on", "off", "yes", "no"])
  .transform((v) => ["1", "true", "on", "yes"].includes(v));

const optionalUrl = z.string().url().optional();

export const ENV_DOCS = {
  DATABASE_URL: "PostgreSQL URL. Unset: an embedded PostgreSQL (PGlite) is started with its data in .data/pglite.",
  TEST_DATABASE_URL: "PostgreSQL URL the tests use. Unset: tests start their own embedded PostgreSQL in memory.",
  PORT: "HTTP port of the one-process server (default 3000).",
  HOST: "Interface to bind (default 127.0.0.1, loopback only; 0.0.0.0 to serve other machines).",
  APP_URL: "Public base URL, used in share links and provider callbacks (default http://localhost:PORT).",
  APP_SECRET: "Secret for sessions, signed links and key encryption. Unset in development: generated into .data/app-secret.",
  DATA_DIR: "Where embedded data, media and scratch files live (default .data).",
  WORKER: "on|off: run the job worker inside the web process (default on).",
  WORKER_CONCURRENCY: "Videos rendered at once per worker process (default 2).",
  WORKSPACE_CONCURRENCY: "Videos in flight at once per workspace (default 2).",
  PROVIDER_TIMEOUT_SECONDS: "Overrides every provider's overall render timeout (defaults: HeyGen 20 min, others 10–15 min).",
  PROVIDER_POLL_INTERVAL_MS: "Overrides the first provider status poll interval (default 5000; backs off from there).",
  VIDEO_LEASE_SECONDS: "How long a worker's claim on a video lasts without a heartbeat before another worker resumes it (default 60).",
  STORAGE_DRIVER: "disk|s3 (default disk, under DATA_DIR/media).",
  S3_BUCKET: "Bucket name when STORAGE_DRIVER=s3.",
  S3_REGION: "Region when STORAGE_DRIVER=s3 (default us-east-1).",
  S3_ENDPOINT: "Endpoint of an S3-compatible store (MinIO, R2...).",
  S3_ACCESS_KEY_ID: "Access key for S3.",
  S3_SECRET_ACCESS_KEY: "Secret key for S3.",
  S3_FORCE_PATH_STYLE: "true for MinIO-style path addressing.",
  FFMPEG_PATH: "ffmpeg binary. Unset: ffmpeg on PATH, else the binary shipped in @ffmpeg-installer.",
  FFPROBE_PATH: "ffprobe binary. Unset: ffprobe on PATH, else the one shipped in @ffprobe-installer.",
  FLITE_PROCESSES: "Flite speech processes per worker process, synthesising phrases side by side (default 2, or 1 on a 1-core machine; ~110 MB each).",
  STUDIO_SPRITE_CACHE_MB: "Memory per worker process for cached presenter sprites and poses, so the next render of a presenter skips drawing them (default 320; 0 turns it off).",
  HEYGEN_API_KEY: "Default HeyGen key for workspaces that set none.",
  HEYGEN_BASE_URL: "HeyGen API base URL (default https://api.heygen.com).",
  HEYGEN_MODEL: "Default HeyGen avatar model (see lib/providers/heygen/models.ts); workspaces may pick another in Settings.",
  HEYGEN_WEBHOOK_SECRET: "Secret of a registered HeyGen webhook endpoint (per-video callbacks are unsigned wake-ups and need none).",
  KLING_API_KEY: "Default Kling API key (Authorization: Bearer), required by current Kling models.",
  KLING_MODEL: "Default Kling model (default kling-2.6; kling-v1 is discontinued).",
  KLING_ACCESS_KEY: "Legacy Kling access key (JWT auth, legacy endpoints only).",
  KLING_SECRET_KEY: "Legacy Kling secret key (JWT auth, legacy endpoints only).",
  KLING_BASE_URL: "Kling API base URL.",
  FAL_KEY: "Default fal.ai key (Pika).",
  FAL_BASE_URL: "fal queue base URL (default https://queue.fal.run).",
  RUNWAYML_API_SECRET: "Default Runway key.",
  RUNWAY_BASE_URL: "Runway API base URL (default https://api.dev.runwayml.com).",
  PROVIDERS_CONFIG_FILE: "Optional JSON file with provider defaults (priorities, rate limits, cost models).",
  REDDIT_CLIENT_ID: "Reddit app id for application-only OAuth.",
  REDDIT_CLIENT_SECRET: "Reddit app secret.",
  REDDIT_USER_AGENT: "User-Agent sent to Reddit, in Reddit's required form <platform>:<app id>:<version> (by /u/<user>).",
  GITHUB_TOKEN: "Optional GitHub token for higher search limits.",
  RESEARCH_BASE_URLS: "Optional JSON map of research source base URLs (tests point them at fakes).",
  LLM_BASE_URL: "Optional OpenAI-compatible endpoint (e.g. Ollama) to polish research wording.",
  LLM_MODEL: "Model name for LLM_BASE_URL.",
  LLM_API_KEY: "Optional key for LLM_BASE_URL.",
  GITHUB_ID: "Enables GitHub sign-in (with GITHUB_SECRET).",
  GITHUB_SECRET: "GitHub OAuth secret.",
  GOOGLE_ID: "Enables Google sign-in (with GOOGLE_SECRET).",
  GOOGLE_SECRET: "Google OAuth secret.",
  INNGEST_EVENT_KEY: "Inngest event key (serverless hosts only).",
  INNGEST_SIGNING_KEY: "Inngest signing key (serverless hosts only).",
  LOG_LEVEL: "pino level (default info).",
  SMTP_URL: "SMTP server for verification and invite mail, e.g. smtp://user:pass@mail.example.com:587 (smtps:// for TLS). Unset: mail is written to DATA_DIR/outbox and its path printed.",
  MAIL_FROM: "Sender of outgoing mail (default Avatar Video Studio <no-reply@localhost>).",
  EGRESS_ALLOW_PRIVATE: "true lets outbound requests built from user or workspace data (research feeds, webhooks, workspace provider URLs) reach private, loopback and link-local addresses. Default false; prefer EGRESS_ALLOW_HOSTS.",
  EGRESS_ALLOW_HOSTS: "Comma-separated host or host:port entries that may be private anyway, e.g. 127.0.0.1:11434,ollama.local (self-hosted services, local test fakes).",
} as const;

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().startsWith("postgres", "must start with postgres:// or postgresql://").optional(),
  TEST_DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  APP_URL: optionalUrl,
  APP_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -hex 32)").optional(),
  DATA_DIR: z.string().default(".data"),
  WORKER: z.enum(["on", "off"]).default("on"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  WORKSPACE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  PROVIDER_TIMEOUT_SECONDS: z.coerce.number().int().min(1).optional(),
  PROVIDER_POLL_INTERVAL_MS: z.coerce.number().int().min(10).optional(),
  VIDEO_LEASE_SECONDS: z.coerce.number().int().min(2).default(60),
  STORAGE_DRIVER: z.enum(["disk", "s3"]).default("disk"),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default("us-east-1"),
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: bool.optional(),
  FFMPEG_PATH: z.string().optional(),
  FFPROBE_PATH: z.string().optional(),
  FLITE_PROCESSES: z.coerce.number().int().min(1).max(8).optional(),
  STUDIO_SPRITE_CACHE_MB: z.coerce.number().int().min(0).max(65536).optional(),
  HEYGEN_API_KEY: z.string().optional(),
  HEYGEN_BASE_URL: optionalUrl,
  HEYGEN_MODEL: z.string().optional(),
  HEYGEN_WEBHOOK_SECRET: z.string().optional(),
  KLING_API_KEY: z.string().optional(),
  KLING_MODEL: z.string().optional(),
  KLING_ACCESS_KEY: z.string().optional(),
  KLING_SECRET_KEY: z.string().optional(),
  KLING_BASE_URL: optionalUrl,
  FAL_KEY: z.string().optional(),
  FAL_BASE_URL: optionalUrl,
  RUNWAYML_API_SECRET: z.string().optional(),
  RUNWAY_BASE_URL: optionalUrl,
  PROVIDERS_CONFIG_FILE: z.string().optional(),
  REDDIT_CLIENT_ID: z.string().optional(),
  REDDIT_CLIENT_SECRET: z.string().optional(),
  REDDIT_USER_AGENT: z.string().optional(),
  GITHUB_TOKEN: z.string().optional(),
  RESEARCH_BASE_URLS: z.string().optional(),
  LLM_BASE_URL: optionalUrl,
  LLM_MODEL: z.string().optional(),
  LLM_API_KEY: z.string().optional(),
  GITHUB_ID: z.string().optional(),
  GITHUB_SECRET: z.string().optional(),
  GOOGLE_ID: z.string().optional(),
  GOOGLE_SECRET: z.string().optional(),
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  LOG_LEVEL: z.string().optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  MAIL_FROM: z.string().max(200).optional(),
  EGRESS_ALLOW_PRIVATE: bool.default(false),
  EGRESS_ALLOW_HOSTS: z.string().max(4000).optional(),
});

export type Env = z.infer<typeof schema>;

/** Parses an environment, failing with one line per bad variable that says what is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee the configuration table in README.md.`);
  }
  if (result.data.STORAGE_DRIVER === "s3" && !result.data.S3_BUCKET) {
    throw new Error("Invalid configuration:\n  S3_BUCKET: required when STORAGE_DRIVER=s3");
  }
  return result.data;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests and the server bootstrap that set variables after import. */
export function resetEnvCache(): void {
  cached = undefined;
}

export function appUrl(): string {
  const e = env();
  return e.APP_URL ?? `http://localhost:${e.PORT}`;
}
