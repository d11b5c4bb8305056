"use client";
import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Badge, Button, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { formatCents, formatInTimeZone, timeZoneLabel } from "@/lib/format";
import { CampaignForm, emptyCampaignDraft, type CampaignFormOptions } from "./campaign-form";

export interface CampaignListItem {
  id: string;
  name: string;
  kind: "research" | "trend_scan";
  frequency: string;
  runHour: number;
  maxVideosPerDay: number;
  budgetCents: number | null;
  active: boolean;
  lastRunAt: string | null;
  nextRunAt: string | null;
  totalVideosGenerated: number;
}

export const FREQUENCY_LABEL: Record<string, string> = { daily: "Daily", weekly: "Weekly", biweekly: "Every two weeks" };

export function scheduleLabel(c: Pick<CampaignListItem, "kind" | "frequency" | "runHour">) {
  return c.kind === "trend_scan" ? "Every 6 hours" : `${FREQUENCY_LABEL[c.frequency] ?? c.frequency} at ${String(c.runHour).padStart(2, "0")}:00`;
}

export function CampaignsView({ campaigns, options }: { campaigns: CampaignListItem[]; options: CampaignFormOptions }) {
  const [creating, setCreating] = useState(false);
  const router = useRouter();
  return (
    <div>
      <PageHeader
        title="Campaigns"
        description={`Research on a schedule, turned into videos automatically. Times are in ${timeZoneLabel(options.timezone)}.`}
        actions={creating ? null : <Button onClick={() => setCreating(true)}>New campaign</Button>}
      />
      {creating ? (
        <Card className="mb-6">
          <h2 className="mb-4 text-base font-semibold">New campaign</h2>
          <CampaignForm initial={emptyCampaignDraft(options)} options={options} onCancel={() => setCreating(false)} onSaved={(id) => router.push(`/campaigns/${id}`)} />
        </Card>
      ) : null}
      {campaigns.length === 0 && !creating ? (
        <EmptyState
          title="No campaigns yet"
          body="A campaign researches on its schedule, picks topics it has not covered yet and queues videos within your budget."
          action={<Button onClick={() => setCreating(true)}>Create a campaign</Button>}
        />
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" aria-label="Campaigns">
          {campaigns.map((c) => (
            <li key={c.id}>
              <Link href={`/campaigns/${c.id}`} className="block h-full rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200/70 transition hover:ring-brand-300 dark:bg-slate-900 dark:ring-slate-800 dark:hover:ring-brand-500/50">
                <div className="flex items-start justify-between gap-2">
                  <h2 className="min-w-0 truncate font-semibold">{c.name}</h2>
                  {c.active ? <Badge tone="green">Active</Badge> : <Badge>Paused</Badge>}
                </div>
                <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                  {c.kind === "trend_scan" ? "Trend scan" : "Research"} · {scheduleLabel(c)} · up to {c.maxVideosPerDay}/day
                </p>
                <dl className="mt-4 grid grid-cols-2 gap-3 text-sm">
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Next run</dt>
                    <dd className="font-medium">{c.active && c.nextRunAt ? formatInTimeZone(c.nextRunAt, options.timezone) : "—"}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Videos made</dt>
                    <dd className="font-medium">{c.totalVideosGenerated}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Last run</dt>
                    <dd>{c.lastRunAt ? formatInTimeZone(c.lastRunAt, options.timezone) : "Never"}</dd>
                  </div>
                  <div>
                    <dt className="text-xs text-slate-600 dark:text-slate-400">Budget</dt>
                    <dd>{c.budgetCents != null ? formatCents(c.budgetCents) : "Workspace caps"}</dd>
                  </div>
                </dl>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
