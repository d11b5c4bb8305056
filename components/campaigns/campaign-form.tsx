"use client";
import { useMemo, useState } from "react";
import { Button, Field, Input, cx, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { saveCampaignAction } from "@/app/(app)/campaigns/actions";
import { nextTrendScanSlot, previewRuns, type Frequency } from "@/lib/campaigns/schedule";
import { formatInTimeZone } from "@/lib/format";
import type { AspectName } from "@/lib/videos/input";
import { CAMPAIGN_ASPECTS } from "./aspects";

export interface CampaignFormOptions {
  timezone: string;
  avatars: Array<{ id: string; name: string; locked: boolean }>;
  templates: Array<{ id: string; name: string }>;
  configurations: Array<{ id: string; name: string }>;
  platforms: Array<{ id: string; label: string }>;
}

export interface CampaignDraft {
  id: string | null;
  name: string;
  kind: "research" | "trend_scan";
  researchConfigId: string;
  notes: string;
  avatarProfileId: string;
  templateId: string;
  /** "" = from the template (else 9:16). */
  aspectRatio: AspectName | "";
  frequency: Frequency;
  runHour: number;
  maxVideosPerDay: string;
  budgetDollars: string;
  targetPlatforms: string[];
  active: boolean;
  autoPost: boolean;
}

export function emptyCampaignDraft(o: CampaignFormOptions): CampaignDraft {
  return {
    id: null,
    name: "",
    kind: "research",
    researchConfigId: o.configurations[0]?.id ?? "",
    notes: "",
    avatarProfileId: o.avatars.find((a) => !a.locked)?.id ?? "",
    templateId: "",
    aspectRatio: "",
    frequency: "daily",
    runHour: 9,
    maxVideosPerDay: "2",
    budgetDollars: "",
    targetPlatforms: [],
    active: true,
    autoPost: false,
  };
}

const hourLabel = (h: number) => `${String(h).padStart(2, "0")}:00`;

export function CampaignForm({ initial, options, onSaved, onCancel }: { initial: CampaignDraft; options: CampaignFormOptions; onSaved: (id: string) => void; onCancel: () => void }) {
  const [d, setD] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  const set = <K extends keyof CampaignDraft>(k: K, v: CampaignDraft[K]) => setD((x) => ({ ...x, [k]: v }));

  const preview = useMemo(() => {
    const now = new Date();
    if (d.kind === "trend_scan") {
      const a = nextTrendScanSlot(now);
      const b = nextTrendScanSlot(a);
      return [a, b, nextTrendScanSlot(b)];
    }
    return previewRuns({ frequency: d.frequency, runHour: d.runHour }, now, options.timezone, 3);
  }, [d.kind, d.frequency, d.runHour, options.timezone]);

  async function submit() {
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = "Give the campaign a name.";
    if (!d.avatarProfileId) local.avatarProfileId = "Pick a presenter.";
    if (d.kind === "research" && !d.researchConfigId && d.notes.trim().length < 20) local.notes = "Pick a research configuration, or paste at least a few sentences of notes.";
    const max = Number(d.maxVideosPerDay);
    if (!Number.isInteger(max) || max < 1 || max > 20) local.maxVideosPerDay = "Use a whole number from 1 to 20.";
    const budget = d.budgetDollars.trim() ? Math.round(Number(d.budgetDollars) * 100) : null;
    if (budget !== null && !(budget >= 0)) local.budgetCents = "Enter an amount in dollars, like 25, or leave it empty for no campaign cap.";
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    const r = await saveCampaignAction(d.id, {
      name: d.name,
      kind: d.kind,
      researchConfigId: d.kind === "research" && d.researchConfigId ? d.researchConfigId : null,
      sources: d.kind === "research" && !d.researchConfigId ? [{ source: "manual", text: d.notes }] : undefined,
      avatarProfileId: d.avatarProfileId,
      templateId: d.templateId || null,
      aspectRatio: d.aspectRatio || null,
      frequency: d.frequency,
      runHour: d.runHour,
      maxVideosPerDay: max,
      budgetCents: budget,
      targetPlatforms: d.targetPlatforms,
      active: d.active,
      autoPost: d.autoPost,
    });
    setBusy(false);
    if (!r.ok) {
      const fe: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.fieldErrors)) fe[k.startsWith("sources") ? "notes" : k] = v;
      setErrors(Object.keys(fe).length ? fe : { form: r.message });
      toast(r.message, "error");
      return;
    }
    toast(d.id ? "Campaign saved." : "Campaign created.", "success");
    onSaved(r.data.id);
  }

  return (
    <form
      aria-label={d.id ? "Edit campaign" : "New campaign"}
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label="Campaign name" id="cmp-name" error={errors.name}>
        <Input id="cmp-name" value={d.name} onChange={(e) => set("name", e.target.value)} placeholder="Daily AI tools roundup" invalid={!!errors.name} />
      </Field>

      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">What it makes videos about</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(
            [
              ["research", "Research", "Your configuration or notes, on your schedule"],
              ["trend_scan", "Trend scan", "Top 3 trends from Google Trends, Hacker News and GitHub, every 6 hours"],
            ] as const
          ).map(([k, label, hint]) => (
            <label
              key={k}
              className={cx(
                "flex cursor-pointer items-start gap-2 rounded-xl p-3 text-sm ring-1",
                d.kind === k ? "bg-brand-50 ring-brand-400 dark:bg-brand-500/10 dark:ring-brand-500/60" : "ring-slate-200 dark:ring-slate-700",
              )}
            >
              <input type="radio" name="cmp-kind" className="mt-0.5 accent-brand-600" checked={d.kind === k} onChange={() => set("kind", k)} />
              <span>
                <span className="block font-medium">{label}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {d.kind === "research" ? (
        <>
          <Field label="Research configuration" id="cmp-config" error={errors.researchConfigId}>
            <select id="cmp-config" className={inputClass} value={d.researchConfigId} onChange={(e) => set("researchConfigId", e.target.value)}>
              {options.configurations.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value="">Paste notes instead…</option>
            </select>
          </Field>
          {!d.researchConfigId ? (
            <Field label="Notes for this campaign" id="cmp-notes" error={errors.notes} hint="One idea per paragraph; each run picks topics it has not covered yet.">
              <textarea id="cmp-notes" rows={5} className={inputClass} value={d.notes} onChange={(e) => set("notes", e.target.value)} aria-invalid={!!errors.notes || undefined} />
            </Field>
          ) : null}
        </>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Presenter" id="cmp-avatar" error={errors.avatarProfileId}>
          <select id="cmp-avatar" className={inputClass} value={d.avatarProfileId} onChange={(e) => set("avatarProfileId", e.target.value)}>
            {options.avatars.map((a) => (
              <option key={a.id} value={a.id} disabled={a.locked}>
                {a.name}
                {a.locked ? " (upgrade)" : ""}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Template" id="cmp-template">
          <select id="cmp-template" className={inputClass} value={d.templateId} onChange={(e) => set("templateId", e.target.value)}>
            <option value="">Default (portrait)</option>
            {options.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Aspect ratio" id="cmp-aspect" error={errors.aspectRatio} hint="Shape of every video this campaign makes.">
          <select id="cmp-aspect" className={inputClass} value={d.aspectRatio} onChange={(e) => set("aspectRatio", e.target.value as CampaignDraft["aspectRatio"])} aria-invalid={!!errors.aspectRatio || undefined}>
            <option value="">{d.templateId ? "From the template" : "Default (Portrait · 9:16)"}</option>
            {CAMPAIGN_ASPECTS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label} · {a.ratio}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {d.kind === "research" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Frequency" id="cmp-frequency">
            <select id="cmp-frequency" className={inputClass} value={d.frequency} onChange={(e) => set("frequency", e.target.value as Frequency)}>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
              <option value="biweekly">Every two weeks</option>
            </select>
          </Field>
          <Field label={`Run at (${options.timezone})`} id="cmp-hour">
            <select id="cmp-hour" className={inputClass} value={d.runHour} onChange={(e) => set("runHour", Number(e.target.value))}>
              {Array.from({ length: 24 }, (_, h) => (
                <option key={h} value={h}>
                  {hourLabel(h)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}

      <div className="rounded-xl bg-slate-50 p-4 ring-1 ring-slate-200 dark:bg-slate-950 dark:ring-slate-800" aria-live="polite">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Next runs</p>
        <ol className="mt-2 space-y-1 text-sm" aria-label="Schedule preview">
          {preview.map((t) => (
            <li key={t.toISOString()} className="flex items-center gap-2">
              <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-brand-500" />
              {formatInTimeZone(t, options.timezone)}
            </li>
          ))}
        </ol>
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Max videos per day" id="cmp-max" error={errors.maxVideosPerDay}>
          <Input id="cmp-max" type="number" min={1} max={20} value={d.maxVideosPerDay} onChange={(e) => set("maxVideosPerDay", e.target.value)} invalid={!!errors.maxVideosPerDay} />
        </Field>
        <Field label="Campaign budget (USD)" id="cmp-budget" error={errors.budgetCents} hint="Optional; the workspace caps apply too.">
          <Input id="cmp-budget" inputMode="decimal" value={d.budgetDollars} onChange={(e) => set("budgetDollars", e.target.value)} placeholder="No cap" invalid={!!errors.budgetCents} />
        </Field>
      </div>

      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Target platforms</legend>
        <div className="flex flex-wrap gap-2">
          {options.platforms.map((p) => {
            const on = d.targetPlatforms.includes(p.id);
            return (
              <label key={p.id} className={cx("flex cursor-pointer items-center gap-1.5 rounded-full px-3 py-1.5 text-xs font-medium ring-1", on ? "bg-brand-50 text-brand-700 ring-brand-300 dark:bg-brand-500/15 dark:text-brand-300" : "ring-slate-200 dark:ring-slate-700")}>
                <input
                  type="checkbox"
                  className="h-3.5 w-3.5 accent-brand-600"
                  checked={on}
                  onChange={(e) => set("targetPlatforms", e.target.checked ? [...d.targetPlatforms, p.id] : d.targetPlatforms.filter((x) => x !== p.id))}
                />
                {p.label}
              </label>
            );
          })}
        </div>
      </fieldset>

      <div className="flex flex-col gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={d.active} onChange={(e) => set("active", e.target.checked)} />
          Active (runs on its schedule)
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={d.autoPost} onChange={(e) => set("autoPost", e.target.checked)} />
          Auto-post when ready <span className="text-xs text-slate-600 dark:text-slate-400">(saved for when publishing is connected)</span>
        </label>
      </div>

      {errors.form ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors.form}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={busy}>
          {busy ? "Saving…" : d.id ? "Save campaign" : "Create campaign"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
