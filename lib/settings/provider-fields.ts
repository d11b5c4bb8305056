/** Which secret fields each provider's settings card asks for (client-safe data, no imports). */
export type ProviderKeyField = "apiKey" | "accessKey" | "secretKey";

export const PROVIDER_KEY_FIELDS: Record<string, { field: ProviderKeyField; label: string; placeholder: string }[]> = {
  local: [],
  heygen: [{ field: "apiKey", label: "API key", placeholder: "Paste your HeyGen API key" }],
  kling: [
    { field: "accessKey", label: "Access key", placeholder: "Paste your Kling access key" },
    { field: "secretKey", label: "Secret key", placeholder: "Paste your Kling secret key" },
  ],
  pika: [{ field: "apiKey", label: "API key", placeholder: "Paste your fal.ai API key" }],
  runway: [{ field: "apiKey", label: "API secret", placeholder: "Paste your Runway API secret" }],
};

export const PROVIDER_BLURB: Record<string, string> = {
  local: "Renders real MP4s on this server with ffmpeg: free, offline, always available as the last resort.",
  heygen: "Studio avatars and talking photos with lip-synced speech.",
  kling: "Text- and image-to-video clips (5 or 10 s) from Kling AI.",
  pika: "Pika text-to-video through fal.ai's queue API.",
  runway: "Runway Gen-4 text- and image-to-video.",
};

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
  baseUrl?: string;
  rateLimitPerMinute?: string;
  concurrency?: string;
  centsPerUnit?: string;
  unitName?: string;
  unitsPerSecond?: string;
  minUnits?: string;
}
