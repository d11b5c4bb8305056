/** Client-side shapes of the video API (the server's types with dates as JSON strings). */
import type { publicVideo } from "@/lib/videos/process";
import type { getVideo } from "@/lib/videos/library";
import type { listShareLinks } from "@/lib/videos/share";

export type Serialized<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;

/** What a server component hands a client component: exactly what the REST API would return. */
export function toJson<T>(value: T): Serialized<T> {
  return JSON.parse(JSON.stringify(value)) as Serialized<T>;
}

export type VideoSummary = Serialized<ReturnType<typeof publicVideo>>;
export type VideoDetailData = Serialized<Awaited<ReturnType<typeof getVideo>>>;
export type AttemptRow = VideoDetailData["attempts"][number];
export type ShareLinkRow = Serialized<Awaited<ReturnType<typeof listShareLinks>>[number]>;

export interface VideoListPage {
  total: number;
  page: number;
  pageSize: number;
  videos: VideoSummary[];
}

export interface PlatformOption {
  id: string;
  label: string;
  platform: string;
  aspect: string;
}

export interface ProviderOption {
  id: string;
  name: string;
  available: boolean;
}
