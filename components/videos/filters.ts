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

export interface LibraryFilters {
  status: StatusGroup;
  provider: string;
  campaignId: string;
  q: string;
  page: number;
}

export function filtersToParams(f: LibraryFilters, pageSize?: number): URLSearchParams {
  const p = new URLSearchParams();
  if (STATUS_GROUPS[f.status]) p.set("status", STATUS_GROUPS[f.status]);
  if (f.provider) p.set("provider", f.provider);
  if (f.campaignId) p.set("campaignId", f.campaignId);
  if (f.q.trim()) p.set("q", f.q.trim());
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
  if (f.page > 1) p.set("page", String(f.page));
  const s = p.toString();
  return s ? `/videos?${s}` : "/videos";
}
