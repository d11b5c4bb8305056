"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, Field, Input, cx } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { formatCents } from "@/lib/format";
import { useRealtime } from "@/lib/realtime/client";
import type { BudgetStatus } from "@/lib/budget";
import type { BudgetAlertRow } from "@/lib/analytics/alerts";
import { centsToDollarInput } from "@/lib/settings/money";
import { saveBudgetAction } from "@/app/(app)/settings/actions";
import { FormError, RoleNotice, SectionTitle, When, getJson } from "./ui";

const BUDGET_KEY = ["settings", "budget"];
const ALERTS_KEY = ["settings", "budget-alerts"];

export function BudgetsPanel({ initial, initialAlerts, canEdit, timezone }: { initial: BudgetStatus; initialAlerts: BudgetAlertRow[]; canEdit: boolean; timezone: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const { data: status } = useQuery({ queryKey: BUDGET_KEY, queryFn: () => getJson<BudgetStatus>("/api/v1/budget"), initialData: initial });
  const { data: alerts } = useQuery({
    queryKey: ALERTS_KEY,
    queryFn: async () => (await getJson<{ alerts: BudgetAlertRow[] }>("/api/v1/budget-alerts")).alerts,
    initialData: initialAlerts,
  });
  const [form, setForm] = useState(() => ({
    perVideo: centsToDollarInput(initial.perVideoCents),
    daily: centsToDollarInput(initial.dailyCents),
    monthly: centsToDollarInput(initial.monthlyCents),
  }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  useRealtime("budget.alert", (a) => {
    toast(`${a.period === "daily" ? "Daily" : "Monthly"} budget ${a.threshold}% used: ${formatCents(a.spentCents)} of ${formatCents(a.capCents)}.`, "error");
    void qc.invalidateQueries({ queryKey: BUDGET_KEY });
    void qc.invalidateQueries({ queryKey: ALERTS_KEY });
    router.refresh();
  });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    const r = await saveBudgetAction(form);
    setSaving(false);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    qc.setQueryData(BUDGET_KEY, r.data);
    setForm({ perVideo: centsToDollarInput(r.data.perVideoCents), daily: centsToDollarInput(r.data.dailyCents), monthly: centsToDollarInput(r.data.monthlyCents) });
    toast("Budget caps saved.", "success");
  }

  const fields = [
    { key: "perVideo" as const, label: "Per-video cap", hint: "The most one video may cost." },
    { key: "daily" as const, label: "Daily cap", hint: `Resets at midnight, ${timezone}.` },
    { key: "monthly" as const, label: "Monthly cap", hint: "Resets on the 1st." },
  ];

  return (
    <div className="space-y-6">
      <RoleNotice canEdit={canEdit} />
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <SectionTitle title="Spending caps" description="Videos that would go over a cap are refused before anything is spent. Leave a field empty for no cap." />
          <form onSubmit={save} noValidate className="space-y-5">
            <div className="grid gap-4 sm:grid-cols-3">
              {fields.map((f) => (
                <Field key={f.key} id={`budget-${f.key}`} label={`${f.label} (USD)`} error={errors[f.key]} hint={f.hint}>
                  <div className="relative">
                    <span aria-hidden className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-600 dark:text-slate-400">$</span>
                    <Input
                      id={`budget-${f.key}`}
                      inputMode="decimal"
                      placeholder="No cap"
                      className="pl-7"
                      disabled={!canEdit}
                      invalid={!!errors[f.key]}
                      value={form[f.key]}
                      onChange={(e) => setForm((s) => ({ ...s, [f.key]: e.target.value }))}
                    />
                  </div>
                </Field>
              ))}
            </div>
            <FormError message={errors.form} />
            <div className="flex justify-end">
              <Button type="submit" disabled={!canEdit || saving}>{saving ? "Saving…" : "Save caps"}</Button>
            </div>
          </form>
        </Card>
        <Card className="lg:col-span-2">
          <SectionTitle title="Current spend" description="Actual charges plus money held for videos still rendering." />
          <div className="space-y-6">
            <SpendMeter label="Today" spent={status.spentTodayCents} cap={status.dailyCents} />
            <SpendMeter label="This month" spent={status.spentMonthCents} cap={status.monthlyCents} />
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Per video: {status.perVideoCents == null ? "no cap" : `up to ${formatCents(status.perVideoCents)}`}. Alerts fire at 75 % and 90 % of a cap.
            </p>
          </div>
        </Card>
      </div>
      <Card>
        <SectionTitle title="Recent budget alerts" description="Also sent to webhooks subscribed to budget.alert." />
        {alerts.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No alerts yet. You will see one here (and a notification) when spend reaches 75 % or 90 % of a cap.
          </p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {alerts.map((a) => (
              <li key={a.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="flex items-center gap-3">
                  <Badge tone={a.threshold >= 90 ? "red" : "amber"}>{a.threshold}%</Badge>
                  <span className="text-sm">
                    <span className="font-medium">{a.period === "daily" ? "Daily" : "Monthly"} budget</span> reached {formatCents(a.spentCents)} of {formatCents(a.capCents)}
                    <span className="text-slate-600 dark:text-slate-400"> · {a.periodKey}</span>
                  </span>
                </div>
                <span className="text-xs text-slate-600 dark:text-slate-400"><When at={a.createdAt} /></span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

export function SpendMeter({ label, spent, cap }: { label: string; spent: number; cap: number | null }) {
  const pct = cap ? Math.min(100, (spent / cap) * 100) : 0;
  const tone = !cap ? "bg-brand-500" : pct >= 90 ? "bg-red-500" : pct >= 75 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div>
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <span className="text-sm tabular-nums text-slate-600 dark:text-slate-300">
          <span className="font-semibold text-slate-900 dark:text-white">{formatCents(spent)}</span>
          {cap != null ? ` of ${formatCents(cap)}` : " · no cap"}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label} spend`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(pct)}
        aria-valuetext={cap ? `${Math.round(pct)}% of the cap` : "No cap set"}
        className="relative h-2.5 rounded-full bg-slate-100 dark:bg-slate-800"
      >
        <div className={cx("h-full rounded-full transition-all", tone)} style={{ width: `${cap ? Math.max(pct, spent > 0 ? 1.5 : 0) : 0}%` }} />
        {cap ? (
          <>
            <span aria-hidden className="absolute -top-1 h-4.5 w-0.5 rounded bg-amber-500/80" style={{ left: "75%" }} />
            <span aria-hidden className="absolute -top-1 h-4.5 w-0.5 rounded bg-red-500/80" style={{ left: "90%" }} />
          </>
        ) : null}
      </div>
      {cap ? (
        <div aria-hidden className="relative mt-1 h-4 text-[10px] text-slate-600 dark:text-slate-400">
          <span className="absolute -translate-x-1/2" style={{ left: "75%" }}>75%</span>
          <span className="absolute -translate-x-1/2" style={{ left: "90%" }}>90%</span>
        </div>
      ) : null}
    </div>
  );
}
