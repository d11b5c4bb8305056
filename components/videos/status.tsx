import { Badge, cx } from "@/components/ui/primitives";

export const FINAL = ["completed", "failed", "timeout", "cancelled"] as const;
export const IN_PROGRESS = ["queued", "submitting", "rendering", "processing"] as const;

export function isFinal(status: string): boolean {
  return (FINAL as readonly string[]).includes(status);
}

const LABEL: Record<string, string> = {
  queued: "Queued",
  submitting: "Submitting",
  rendering: "Rendering",
  processing: "Processing",
  completed: "Ready",
  failed: "Failed",
  timeout: "Timed out",
  cancelled: "Cancelled",
};

export function statusLabel(status: string): string {
  return LABEL[status] ?? status;
}

export function StatusBadge({ status, testId }: { status: string; testId?: string }) {
  const tone = status === "completed" ? "green" : status === "failed" || status === "timeout" ? "red" : status === "cancelled" ? "slate" : "brand";
  return (
    <span data-testid={testId} className="inline-flex">
      <Badge tone={tone}>
        {!isFinal(status) ? <span aria-hidden className="mr-1.5 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" /> : null}
        {statusLabel(status)}
      </Badge>
    </span>
  );
}

export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={v}
      className={cx("h-2.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800", className)}
    >
      <div className="brand-gradient h-full rounded-full transition-[width] duration-500 ease-out" style={{ width: `${v}%` }} />
    </div>
  );
}

export function providerName(id: string | null | undefined): string {
  if (!id) return "—";
  const names: Record<string, string> = { local: "Local studio", heygen: "HeyGen", kling: "Kling AI", pika: "Pika", runway: "Runway" };
  return names[id] ?? id;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}
