"use client";
import { useState } from "react";
import { Button, Field, Input, cx, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { saveConfigurationAction } from "@/app/(app)/research/actions";

export type SourceKey = "manual" | "hackernews" | "reddit" | "github" | "google_trends" | "rss";

export interface ConfigDraft {
  id: string | null;
  name: string;
  schedule: "" | "daily" | "weekly";
  active: boolean;
  language: string;
  windowHours: string;
  enabled: Record<SourceKey, boolean>;
  notes: string;
  hnQuery: string;
  redditSubs: string;
  redditQuery: string;
  githubQuery: string;
  githubLanguage: string;
  trendsRegion: string;
  rssFeeds: string;
}

export interface StoredConfiguration {
  id: string;
  name: string;
  sources: Record<string, unknown>[];
  filters: Record<string, unknown>;
  schedule: "daily" | "weekly" | null;
  active: boolean;
}

const SOURCE_CARDS: Array<{ key: SourceKey; label: string; hint: string }> = [
  { key: "manual", label: "Pasted notes", hint: "Your own notes, articles or transcripts" },
  { key: "hackernews", label: "Hacker News", hint: "Stories and discussions" },
  { key: "reddit", label: "Reddit", hint: "Subreddits or a search" },
  { key: "github", label: "GitHub", hint: "Rising repositories" },
  { key: "google_trends", label: "Google Trends", hint: "Daily search trends" },
  { key: "rss", label: "RSS / Atom", hint: "Any feed you follow" },
];

export function emptyDraft(): ConfigDraft {
  return {
    id: null,
    name: "",
    schedule: "",
    active: true,
    language: "",
    windowHours: "",
    enabled: { manual: true, hackernews: false, reddit: false, github: false, google_trends: false, rss: false },
    notes: "",
    hnQuery: "",
    redditSubs: "",
    redditQuery: "",
    githubQuery: "",
    githubLanguage: "",
    trendsRegion: "US",
    rssFeeds: "",
  };
}

export function draftFrom(c: StoredConfiguration): ConfigDraft {
  const d = emptyDraft();
  d.id = c.id;
  d.name = c.name;
  d.schedule = c.schedule ?? "";
  d.active = c.active;
  d.language = String(c.filters.language ?? "");
  d.windowHours = c.filters.windowHours != null ? String(c.filters.windowHours) : "";
  d.enabled = { manual: false, hackernews: false, reddit: false, github: false, google_trends: false, rss: false };
  const feeds: string[] = [];
  for (const s of c.sources) {
    const key = s.source as SourceKey;
    d.enabled[key] = true;
    if (key === "manual") d.notes = String(s.text ?? s.csv ?? "");
    if (key === "hackernews") d.hnQuery = String(s.query ?? "");
    if (key === "reddit") {
      d.redditSubs = ((s.subreddits as string[] | undefined) ?? []).join(", ");
      d.redditQuery = String(s.query ?? "");
    }
    if (key === "github") {
      d.githubQuery = String(s.query ?? "");
      d.githubLanguage = String(s.language ?? "");
    }
    if (key === "google_trends") d.trendsRegion = String(s.region ?? "US");
    if (key === "rss") feeds.push(String(s.feedUrl ?? ""));
  }
  d.rssFeeds = feeds.join("\n");
  return d;
}

/** The draft as the API's configuration input, plus which form field each source index maps to. */
function toInput(d: ConfigDraft): { input: Record<string, unknown>; fieldOf: string[] } {
  const sources: Record<string, unknown>[] = [];
  const fieldOf: string[] = [];
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  if (d.enabled.manual) {
    sources.push({ source: "manual", text: d.notes });
    fieldOf.push("notes");
  }
  if (d.enabled.hackernews) {
    sources.push({ source: "hackernews", query: opt(d.hnQuery) });
    fieldOf.push("hnQuery");
  }
  if (d.enabled.reddit) {
    const subs = d.redditSubs.split(/[\s,]+/).map((s) => s.replace(/^r\//i, "").trim()).filter(Boolean);
    sources.push({ source: "reddit", subreddits: subs.length ? subs : undefined, query: opt(d.redditQuery) });
    fieldOf.push("redditSubs");
  }
  if (d.enabled.github) {
    sources.push({ source: "github", query: opt(d.githubQuery), language: opt(d.githubLanguage) });
    fieldOf.push("githubQuery");
  }
  if (d.enabled.google_trends) {
    sources.push({ source: "google_trends", region: opt(d.trendsRegion) });
    fieldOf.push("trendsRegion");
  }
  if (d.enabled.rss) {
    const feeds = d.rssFeeds.split(/\s+/).filter(Boolean);
    for (const feedUrl of feeds.length ? feeds : [""]) {
      sources.push({ source: "rss", feedUrl });
      fieldOf.push("rssFeeds");
    }
  }
  const filters: Record<string, unknown> = {};
  if (d.language.trim()) filters.language = d.language.trim().toLowerCase();
  if (d.windowHours.trim()) filters.windowHours = Number(d.windowHours);
  return { input: { name: d.name, sources, filters, schedule: d.schedule || null, active: d.active }, fieldOf };
}

export function ConfigForm({ initial, onSaved, onCancel }: { initial: ConfigDraft; onSaved: (id: string, runNow: boolean) => void; onCancel: () => void }) {
  const [d, setD] = useState<ConfigDraft>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<null | "save" | "run">(null);
  const toast = useToast();
  const set = <K extends keyof ConfigDraft>(k: K, v: ConfigDraft[K]) => setD((x) => ({ ...x, [k]: v }));

  async function submit(runNow: boolean) {
    const local: Record<string, string> = {};
    if (!d.name.trim()) local.name = "Give the configuration a name, e.g. “AI tools weekly”.";
    if (!Object.values(d.enabled).some(Boolean)) local.sources = "Pick at least one source.";
    if (d.enabled.manual && d.notes.trim().length < 20) local.notes = "Paste a few sentences of notes (at least 20 characters).";
    if (d.enabled.rss && !d.rssFeeds.trim()) local.rssFeeds = "Add the feed’s URL, one per line.";
    if (d.windowHours && !(Number(d.windowHours) > 0)) local.windowHours = "Use a number of hours above 0, or leave it empty.";
    setErrors(local);
    if (Object.keys(local).length) return;
    const { input, fieldOf } = toInput(d);
    setPending(runNow ? "run" : "save");
    const r = await saveConfigurationAction(d.id, input);
    setPending(null);
    if (!r.ok) {
      const mapped: Record<string, string> = {};
      for (const [path, msg] of Object.entries(r.fieldErrors)) {
        const m = /^sources\.(\d+)/.exec(path);
        if (m) mapped[fieldOf[Number(m[1])] ?? "sources"] ??= msg;
        else if (path.startsWith("filters.")) mapped[path.slice(8)] ??= msg;
        else mapped[path] ??= msg;
      }
      setErrors(Object.keys(mapped).length ? mapped : { form: r.message });
      toast(r.message, "error");
      return;
    }
    toast(d.id ? "Configuration saved." : "Configuration created.", "success");
    onSaved(r.data.id, runNow);
  }

  const err = (k: string) => errors[k];
  return (
    <form
      aria-label={d.id ? "Edit research configuration" : "New research configuration"}
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(false);
      }}
    >
      <Field label="Name" id="cfg-name" error={err("name")}>
        <Input id="cfg-name" value={d.name} onChange={(e) => set("name", e.target.value)} placeholder="AI tools & remote work" invalid={!!err("name")} />
      </Field>

      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Sources</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {SOURCE_CARDS.map((s) => (
            <label
              key={s.key}
              className={cx(
                "flex cursor-pointer items-start gap-2 rounded-xl p-3 text-sm ring-1 transition",
                d.enabled[s.key]
                  ? "bg-brand-50 ring-brand-400 dark:bg-brand-500/10 dark:ring-brand-500/60"
                  : "bg-white ring-slate-200 hover:ring-slate-300 dark:bg-slate-950 dark:ring-slate-700",
              )}
            >
              <input
                type="checkbox"
                className="mt-0.5 h-4 w-4 accent-brand-600"
                checked={d.enabled[s.key]}
                onChange={(e) => set("enabled", { ...d.enabled, [s.key]: e.target.checked })}
              />
              <span>
                <span className="block font-medium">{s.label}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{s.hint}</span>
              </span>
            </label>
          ))}
        </div>
        {err("sources") ? (
          <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
            {err("sources")}
          </p>
        ) : null}
      </fieldset>

      {d.enabled.manual ? (
        <Field label="Pasted notes" id="cfg-notes" error={err("notes")} hint="One item per paragraph (or per bullet). Its first sentence becomes the title; a link in it is kept as the citation.">
          <textarea
            id="cfg-notes"
            rows={8}
            className={cx(inputClass, err("notes") && "ring-red-500")}
            aria-invalid={!!err("notes") || undefined}
            value={d.notes}
            onChange={(e) => set("notes", e.target.value)}
            placeholder={"AI coding assistants are changing how teams ship…\n\nRemote teams are moving standups to async video…"}
          />
        </Field>
      ) : null}
      {d.enabled.hackernews ? (
        <Field label="Hacker News search" id="cfg-hn" error={err("hnQuery")} hint="Leave empty for the latest stories.">
          <Input id="cfg-hn" value={d.hnQuery} onChange={(e) => set("hnQuery", e.target.value)} placeholder="llm agents" />
        </Field>
      ) : null}
      {d.enabled.reddit ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Subreddits" id="cfg-subs" error={err("redditSubs")} hint="Comma separated, without r/.">
            <Input id="cfg-subs" value={d.redditSubs} onChange={(e) => set("redditSubs", e.target.value)} placeholder="productivity, remotework" />
          </Field>
          <Field label="Reddit search" id="cfg-rq" hint="Optional.">
            <Input id="cfg-rq" value={d.redditQuery} onChange={(e) => set("redditQuery", e.target.value)} placeholder="ai tools" />
          </Field>
        </div>
      ) : null}
      {d.enabled.github ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="GitHub search" id="cfg-gh" error={err("githubQuery")} hint="Optional; rising repositories of the last week.">
            <Input id="cfg-gh" value={d.githubQuery} onChange={(e) => set("githubQuery", e.target.value)} placeholder="llm" />
          </Field>
          <Field label="GitHub programming language" id="cfg-ghl" hint="Optional: only repositories written in it, e.g. typescript.">
            <Input id="cfg-ghl" value={d.githubLanguage} onChange={(e) => set("githubLanguage", e.target.value)} />
          </Field>
        </div>
      ) : null}
      {d.enabled.google_trends ? (
        <Field label="Trends region" id="cfg-region" error={err("trendsRegion")} hint="Two-letter country code.">
          <Input id="cfg-region" value={d.trendsRegion} maxLength={2} onChange={(e) => set("trendsRegion", e.target.value.toUpperCase())} className="max-w-24" />
        </Field>
      ) : null}
      {d.enabled.rss ? (
        <Field label="Feed URLs" id="cfg-rss" error={err("rssFeeds")} hint="One per line.">
          <textarea id="cfg-rss" rows={3} className={inputClass} value={d.rssFeeds} onChange={(e) => set("rssFeeds", e.target.value)} placeholder="https://blog.example.com/feed.xml" />
        </Field>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Schedule" id="cfg-schedule" hint="Runs on its own when set.">
          <select id="cfg-schedule" className={inputClass} value={d.schedule} onChange={(e) => set("schedule", e.target.value as ConfigDraft["schedule"])}>
            <option value="">Manual only</option>
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
          </select>
        </Field>
        <Field label="Only the last (hours)" id="cfg-window" error={err("windowHours")} hint="Optional freshness filter; posts without a date are left out when set.">
          <Input id="cfg-window" inputMode="numeric" value={d.windowHours} onChange={(e) => set("windowHours", e.target.value)} placeholder="72" invalid={!!err("windowHours")} />
        </Field>
        <Field label="Content language" id="cfg-lang" error={err("language")} hint="Optional: keep posts written in it (two-letter code, e.g. en).">
          <Input id="cfg-lang" value={d.language} maxLength={2} onChange={(e) => set("language", e.target.value)} placeholder="en" invalid={!!err("language")} />
        </Field>
      </div>

      {err("form") ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {err("form")}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={() => void submit(true)} disabled={!!pending}>
          {pending === "run" ? "Saving…" : "Save and run"}
        </Button>
        <Button type="submit" variant="secondary" disabled={!!pending}>
          {pending === "save" ? "Saving…" : "Save"}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel} disabled={!!pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
