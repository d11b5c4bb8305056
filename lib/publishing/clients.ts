/** The client for a platform, built from the operator's app config. */
import type { SocialPlatform } from "@/db/schema";
import { requirePlatformConfig } from "./config";
import { InstagramClient } from "./instagram";
import { TikTokClient } from "./tiktok";
import { YouTubeClient } from "./youtube";
import type { PlatformClient } from "./types";

export function clientFor(platform: SocialPlatform, now: () => Date = () => new Date()): PlatformClient {
  const cfg = requirePlatformConfig(platform);
  switch (platform) {
    case "tiktok":
      return new TikTokClient(cfg, now);
    case "instagram":
      return new InstagramClient(cfg, now);
    case "youtube":
      return new YouTubeClient(cfg, now);
  }
}
