/** The one event contract shared by the socket.io server, emitters and the browser hook. */
export interface VideoUpdateEvent {
  videoId: string;
  status: string;
  stage: string;
  progress: number;
  etaSeconds: number | null;
  provider: string | null;
  error: string | null;
  updatedAt: string;
}

export interface AttemptEvent {
  videoId: string;
  attemptNumber: number;
  provider: string;
  outcome: string;
  error: string | null;
}

export interface BudgetAlertEvent {
  period: "daily" | "monthly";
  threshold: number;
  spentCents: number;
  capCents: number;
}

export interface ResearchUpdateEvent {
  researchJobId: string;
  status: string;
  itemCount: number;
}

export interface ServerToClientEvents {
  "video.updated": (e: VideoUpdateEvent) => void;
  "video.attempt": (e: AttemptEvent) => void;
  "budget.alert": (e: BudgetAlertEvent) => void;
  "research.updated": (e: ResearchUpdateEvent) => void;
}

export interface ClientToServerEvents {
  "video.subscribe": (videoId: string, ack?: (ok: boolean) => void) => void;
  "video.unsubscribe": (videoId: string) => void;
}

export type EventName = keyof ServerToClientEvents;
export type EventPayload<E extends EventName> = Parameters<ServerToClientEvents[E]>[0];

export const workspaceRoom = (id: string) => `ws:${id}`;
export const videoRoom = (id: string) => `video:${id}`;

/** Postgres NOTIFY channel used to fan events out across processes. */
export const REALTIME_CHANNEL = "avs_realtime";
