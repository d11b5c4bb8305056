/** Library filters, shared by the server page (first render) and the client component. */
export const STATUS_GROUPS = {
  all: "",
  active: "queued,submitting,rendering,processing",
  completed: "completed",
  failed: "failed,timeout",
  cancelled: "cancelled",
} as const;

export type StatusGroup = keyof typeof STATUS_GROUPS;

export const STATUS_GROUP_LABEL: Record<StatusGroup, string> = {
  all: "All statuses",
  active: "In progress",
  completed: "Ready",
  failed: "Failed",
  cancelled: "Cancelled",
};

export const SORTS = { newest: "Newest first", oldest: "Oldest first", title: "Title A–Z", duration: "Longest first", cost: "Most expensive" } as const;
export type Sort = keyof typeof SORTS;
export const SINCE = { "": "Any time", "1d": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days" } as const;
export type Since = keyof typeof SINCE;

export interface LibraryFilters {
  status: StatusGroup;
  provider: string;
  campaignId: string;
  q: string;
  sort: Sort;
  since: Since;
  /** A platform preset id (tiktok, youtube_shorts…); "" = any. */
  platform: string;
  page: number;
}

/** Reads the address bar form back (server page and client alike); unknown values fall back. */
export function filtersFromSearch(get: (k: string) => string): LibraryFilters {
  const status = get("status");
  const sort = get("sort");
  const since = get("since");
  return {
    status: (Object.keys(STATUS_GROUPS).includes(status) ? status : "all") as StatusGroup,
    provider: get("provider"),
    campaignId: /^[0-9a-f-]{36}$/i.test(get("campaignId")) ? get("campaignId") : "",
    q: get("q").slice(0, 200),
    sort: (Object.keys(SORTS).includes(sort) ? sort : "newest") as Sort,
    since: (Object.keys(SINCE).includes(since) ? since : "") as Since,
    platform: /^[a-z_]{1,40}$/.test(get("platform")) ? get("platform") : "",
    page: Math.max(1, Number(get("page")) || 1),
  };
}

export function filtersToParams(f: LibraryFilters, pageSize?: number): URLSearchParams {
  const p = new URLSearchParams();
  if (STATUS_GROUPS[f.status]) p.set("status", STATUS_GROUPS[f.status]);
  if (f.provider) p.set("provider", f.provider);
  if (f.campaignId) p.set("campaignId", f.campaignId);
  if (f.q.trim()) p.set("q", f.q.trim());
  if (f.sort !== "newest") p.set("sort", f.sort);
  if (f.since) p.set("since", f.since);
  if (f.platform) p.set("platform", f.platform);
  if (f.page > 1) p.set("page", String(f.page));
  if (pageSize) p.set("pageSize", String(pageSize));
  return p;
}

/** The address bar form: status by group name, so links are readable. */
export function filtersToUrl(f: LibraryFilters): string {
  const p = new URLSearchParams();
  if (f.status !== "all") p.set("status", f.status);
  if (f.provider) p.set("provider", f.provider);
  if (f.campaignId) p.set("campaignId", f.campaignId);
  if (f.q.trim()) p.set("q", f.q.trim());
  if (f.sort !== "newest") p.set("sort", f.sort);
  if (f.since) p.set("since", f.since);
  if (f.platform) p.set("platform", f.platform);
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `/videos?${s}` : "/videos";
}
