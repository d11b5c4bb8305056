"use client";
import { useState } from "react";
import { Badge, Button, Field, Input, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { updateRuleAction } from "@/app/(app)/research/actions";

export interface RuleView {
  source: string;
  label: string;
  isDefault: boolean;
  rule: {
    content_paths: string[];
    title_template: string;
    script_template: string;
    min_content_length: number;
    max_content_length: number;
    max_points: number;
  };
}

const PATHS: Array<[string, string]> = [
  ["analysis.key_insights", "Key insights"],
  ["analysis.trending_topics", "Trending topics"],
  ["analysis.actionable_recommendations", "Recommendations"],
];

export function RulesEditor({ initial }: { initial: RuleView[] }) {
  const [rules, setRules] = useState(initial);
  const [source, setSource] = useState(initial.find((r) => r.source === "manual")?.source ?? initial[0]?.source);
  const current = rules.find((r) => r.source === source)!;
  const [draft, setDraft] = useState(current.rule);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  function pick(s: string) {
    setSource(s);
    setDraft(rules.find((r) => r.source === s)!.rule);
    setErrors({});
  }

  async function save(reset: boolean) {
    setBusy(true);
    const r = await updateRuleAction(reset ? { source, reset: true } : { source, rule: draft });
    setBusy(false);
    if (!r.ok) {
      const fe: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.fieldErrors)) fe[k.replace(/^rule\./, "")] = v;
      setErrors(Object.keys(fe).length ? fe : { form: r.message });
      return;
    }
    setErrors({});
    setRules((rs) => rs.map((x) => (x.source === source ? (r.data as RuleView) : x)));
    setDraft((r.data as RuleView).rule);
    toast(reset ? "Rule reset to the default." : "Extraction rule saved.", "success");
  }

  return (
    <form
      aria-label="Extraction rule"
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <Field label="Source" id="rule-source">
        <select id="rule-source" className={inputClass} value={source} onChange={(e) => pick(e.target.value)}>
          {rules.map((r) => (
            <option key={r.source} value={r.source}>
              {r.label}
              {r.isDefault ? "" : " (customised)"}
            </option>
          ))}
        </select>
      </Field>
      <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
        <span className="shrink-0 whitespace-nowrap">{current.isDefault ? <Badge>Default rule</Badge> : <Badge tone="brand">Customised</Badge>}</span>
        <span>How research from this source becomes a script.</span>
      </div>
      <Field label="Title template" id="rule-title" error={errors.title_template} hint="Placeholders: {topic}, {source}, {date}.">
        <Input id="rule-title" value={draft.title_template} onChange={(e) => setDraft({ ...draft, title_template: e.target.value })} invalid={!!errors.title_template} />
      </Field>
      <Field label="Script template" id="rule-script" error={errors.script_template} hint="Must contain {content}; may use {topic}, {source}, {date}.">
        <textarea
          id="rule-script"
          rows={6}
          className={inputClass}
          aria-invalid={!!errors.script_template || undefined}
          value={draft.script_template}
          onChange={(e) => setDraft({ ...draft, script_template: e.target.value })}
        />
      </Field>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-slate-700 dark:text-slate-300">Content, in order of preference</legend>
        <div className="flex flex-wrap gap-3 text-sm">
          {PATHS.map(([p, label]) => (
            <label key={p} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                className="h-4 w-4 accent-brand-600"
                checked={draft.content_paths.includes(p)}
                onChange={(e) =>
                  setDraft({ ...draft, content_paths: e.target.checked ? [...draft.content_paths, p] : draft.content_paths.filter((x) => x !== p) })
                }
              />
              {label}
            </label>
          ))}
        </div>
        {errors.content_paths ? (
          <p role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
            {errors.content_paths}
          </p>
        ) : null}
      </fieldset>
      <div className="grid grid-cols-3 gap-3">
        <Field label="Min chars" id="rule-min" error={errors.min_content_length}>
          <Input id="rule-min" type="number" min={0} value={draft.min_content_length} onChange={(e) => setDraft({ ...draft, min_content_length: Number(e.target.value) })} />
        </Field>
        <Field label="Max chars" id="rule-max" error={errors.max_content_length}>
          <Input id="rule-max" type="number" min={50} value={draft.max_content_length} onChange={(e) => setDraft({ ...draft, max_content_length: Number(e.target.value) })} />
        </Field>
        <Field label="Max points" id="rule-points" error={errors.max_points}>
          <Input id="rule-points" type="number" min={1} max={20} value={draft.max_points} onChange={(e) => setDraft({ ...draft, max_points: Number(e.target.value) })} />
        </Field>
      </div>
      {errors.form ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {errors.form}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={busy}>
          Save rule
        </Button>
        <Button type="button" size="sm" variant="ghost" disabled={busy || current.isDefault} onClick={() => void save(true)}>
          Reset to default
        </Button>
      </div>
    </form>
  );
}
