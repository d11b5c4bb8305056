/** Which secret fields each provider's settings card asks for (client-safe data, no server imports). */
import { HEYGEN_MODELS } from "@/lib/providers/heygen/models";
import { KLING_MODELS } from "@/lib/providers/kling/models";
import { PIKA_MODELS } from "@/lib/providers/pika/models";

export type ProviderKeyField = "apiKey" | "accessKey" | "secretKey";

export const PROVIDER_KEY_FIELDS: Record<string, { field: ProviderKeyField; label: string; placeholder: string }[]> = {
  local: [],
  heygen: [{ field: "apiKey", label: "API key", placeholder: "Paste your HeyGen API key" }],
  // Current Kling models take an API key (Authorization: Bearer); the AccessKey/SecretKey pair
  // only reaches legacy endpoints (KLING_ACCESS_KEY / KLING_SECRET_KEY on the server).
  kling: [{ field: "apiKey", label: "API key", placeholder: "Paste your Kling API key" }],
  pika: [{ field: "apiKey", label: "API key", placeholder: "Paste your fal.ai API key" }],
  runway: [{ field: "apiKey", label: "API secret", placeholder: "Paste your Runway API secret" }],
};

export const PROVIDER_BLURB: Record<string, string> = {
  local: "Renders real MP4s on this server with ffmpeg: free, offline, always available as the last resort.",
  heygen: "Presenter: studio avatars and photo avatars speaking your script (HeyGen API v3).",
  kling: "Clips: 5–10 s silent text- and image-to-video from Kling AI. Presenter: Kling Avatar makes a presenter's photo speak your script (English or Chinese).",
  pika: "Clips: 5–10 s Pika text-to-video through fal.ai's queue API — B-roll, not a presenter.",
  runway: "Presenter: Runway avatar videos speak your script. Clips: 5–10 s Runway text- and image-to-video.",
};

/** What each role delivers, shown next to the provider and in estimates. */
export const ROLE_LABEL: Record<string, string> = {
  presenter: "Presenter video (script, voice, talking person)",
  clip: "5–10 s silent clip",
};

/** The models a workspace may pick, per provider (from the model tables; discontinued ones left out). */
export const PROVIDER_MODEL_OPTIONS: Record<string, { id: string; label: string; price: string }[]> = {
  heygen: HEYGEN_MODELS.map((m) => ({ id: m.id, label: m.label, price: `$${m.usdPerSecond}/s (${m.priceDate})` })),
  kling: KLING_MODELS.filter((m) => m.status === "current").map((m) => ({ id: m.id, label: m.label, price: `$${m.usdPerSecond720}/s at 720p (${m.priceDate})` })),
  pika: PIKA_MODELS.map((m) => ({ id: m.id, label: m.label, price: `$${(m.centsPer5s / 100).toFixed(2)} per 5-s clip at 720p (${m.priceDate})` })),
};

/** Shown instead of a health state when the provider cannot run at all. */
export const NO_KEY_LABEL = { label: "Not configured", tone: "slate" as const };

export const HEALTH_LABEL: Record<string, { label: string; tone: "green" | "red" | "amber" }> = {
  closed: { label: "Healthy", tone: "green" },
  open: { label: "Paused after failures", tone: "red" },
  half_open: { label: "Probing", tone: "amber" },
};

export interface ProviderForm {
  /** Sent with the first key so a newly configured provider turns on. */
  enabled?: boolean;
  priority: string;
  apiKey?: string;
  accessKey?: string;
  secretKey?: string;
  apiVersion?: string;
  model?: string;
  baseUrl?: string;
  rateLimitPerMinute?: string;
  concurrency?: string;
  centsPerUnit?: string;
  unitName?: string;
  unitsPerSecond?: string;
  minUnits?: string;
}
