"use client";
/**
 * Settings → Templates (issue 14: "templates carry the brand kit; music chosen per template,
 * volume per template"). Lists the built-in templates (read-only) and the workspace's own, and
 * creates, edits and deletes its own through /api/v1/templates (the guarded routes the API
 * documents; built-ins answer 409 there too).
 */
import { useState } from "react";
import { Badge, Button, Card, Field, Input, cx } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { LabelledSwitch } from "./brand-panel";
import { FormError, RoleNotice, SectionTitle } from "./ui";

type Aspect = "portrait" | "landscape" | "square" | "portrait_4x5";
type Bed = "calm" | "upbeat" | "focus" | "none";
type Background = { type: "color"; value: string } | { type: "gradient"; colors: [string, string] } | { type: "image"; key: string } | { type: "video"; key: string };

export interface TemplateView {
  id: string;
  workspaceId: string | null;
  name: string;
  description: string;
  aspectRatio: Aspect;
  background: Background;
  captions: boolean;
  voiceSpeed: number;
  useBrand: boolean;
  musicBed: Bed | null;
  musicVolumeDb: number;
}

type Draft = Omit<TemplateView, "id" | "workspaceId">;

const ASPECT_LABEL: Record<Aspect, string> = { portrait: "Portrait 9:16", landscape: "Landscape 16:9", square: "Square 1:1", portrait_4x5: "Portrait 4:5" };
const BED_LABEL: Record<Bed | "default", string> = { default: "Default (calm)", calm: "Calm", upbeat: "Upbeat", focus: "Focus", none: "No music" };
const selectClass = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";

const EMPTY: Draft = { name: "", description: "", aspectRatio: "portrait", background: { type: "color", value: "#ffffff" }, captions: true, voiceSpeed: 1, useBrand: true, musicBed: null, musicVolumeDb: -20 };

function describeBackground(b: Background): string {
  if (b.type === "color") return b.value;
  if (b.type === "gradient") return `${b.colors[0]} → ${b.colors[1]}`;
  return b.type === "image" ? "Image" : "Video";
}

function musicSummary(t: Pick<TemplateView, "musicBed" | "musicVolumeDb">): string {
  if (t.musicBed === "none") return "No music";
  return `${BED_LABEL[t.musicBed ?? "default"]} at ${t.musicVolumeDb} dB`;
}

export function TemplatesPanel({ initial, canEdit }: { initial: TemplateView[]; canEdit: boolean }) {
  const toast = useToast();
  const [templates, setTemplates] = useState(initial);
  // null: the form is closed; "new" or a template id: what the form edits.
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const builtIn = templates.filter((t) => t.workspaceId === null);
  const own = templates.filter((t) => t.workspaceId !== null);

  function open(t: TemplateView | null) {
    setError(undefined);
    setEditing(t ? t.id : "new");
    setDraft(t ? { name: t.name, description: t.description, aspectRatio: t.aspectRatio, background: t.background, captions: t.captions, voiceSpeed: t.voiceSpeed, useBrand: t.useBrand, musicBed: t.musicBed, musicVolumeDb: t.musicVolumeDb } : EMPTY);
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const isNew = editing === "new";
    const res = await fetch(isNew ? "/api/v1/templates" : `/api/v1/templates/${editing}`, {
      method: isNew ? "POST" : "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(draft),
    });
    const body = await res.json().catch(() => null);
    setBusy(false);
    if (!res.ok) {
      setError(body?.error?.message ?? `Saving failed (${res.status}). Reload the page and try again.`);
      return;
    }
    setTemplates((ts) => (isNew ? [...ts, body] : ts.map((t) => (t.id === body.id ? body : t))));
    setEditing(null);
    toast(isNew ? `Template “${body.name}” added.` : `Template “${body.name}” saved.`, "success");
  }

  async function remove(t: TemplateView) {
    if (!window.confirm(`Delete the template “${t.name}”? Videos made with it keep their settings.`)) return;
    setBusy(true);
    const res = await fetch(`/api/v1/templates/${t.id}`, { method: "DELETE" });
    const body = await res.json().catch(() => null);
    setBusy(false);
    if (!res.ok) {
      setError(body?.error?.message ?? `Deleting failed (${res.status}). Reload the page and try again.`);
      return;
    }
    setTemplates((ts) => ts.filter((x) => x.id !== t.id));
    if (editing === t.id) setEditing(null);
    toast(`Template “${t.name}” deleted.`, "success");
  }

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const colour = draft.background.type === "color" ? draft.background.value : null;

  return (
    <div className="space-y-6">
      <SectionTitle
        title="Templates"
        description="A template sets a video's shape and sound: aspect, background, captions, voice speed, music and whether it carries your brand kit."
        action={canEdit && editing === null ? <Button onClick={() => open(null)}>New template</Button> : undefined}
      />
      <RoleNotice canEdit={canEdit} />

      {editing !== null ? (
        <Card className="p-5">
          <form onSubmit={save} aria-label={editing === "new" ? "New template" : "Edit template"} className="space-y-4">
            <h3 className="text-sm font-semibold">{editing === "new" ? "New template" : `Edit “${templates.find((t) => t.id === editing)?.name ?? ""}”`}</h3>
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Name" id="tpl-name">
                <Input id="tpl-name" required maxLength={80} value={draft.name} onChange={(e) => set("name", e.target.value)} />
              </Field>
              <Field label="Aspect" id="tpl-aspect">
                <select id="tpl-aspect" className={selectClass} value={draft.aspectRatio} onChange={(e) => set("aspectRatio", e.target.value as Aspect)}>
                  {(Object.keys(ASPECT_LABEL) as Aspect[]).map((a) => (
                    <option key={a} value={a}>
                      {ASPECT_LABEL[a]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Background colour" id="tpl-bg" hint={colour === null ? `This template uses ${describeBackground(draft.background).toLowerCase()}; pick a colour to replace it.` : undefined}>
                <div className="flex items-center gap-2">
                  <input
                    type="color"
                    aria-label="Background colour picker"
                    value={colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#ffffff"}
                    onChange={(e) => set("background", { type: "color", value: e.target.value })}
                    className="h-9 w-10 rounded"
                  />
                  <Input id="tpl-bg" value={colour ?? ""} placeholder={describeBackground(draft.background)} onChange={(e) => set("background", { type: "color", value: e.target.value.trim() })} />
                </div>
              </Field>
              <Field label={`Voice speed: ${draft.voiceSpeed.toFixed(2)}×`} id="tpl-speed">
                <input id="tpl-speed" type="range" min={0.5} max={2} step={0.05} value={draft.voiceSpeed} onChange={(e) => set("voiceSpeed", Number(e.target.value))} className="w-full" />
              </Field>
              <Field label="Music bed" id="tpl-bed" hint="Used by storyboard videos that don't pick their own music.">
                <select id="tpl-bed" className={selectClass} value={draft.musicBed ?? "default"} onChange={(e) => set("musicBed", e.target.value === "default" ? null : (e.target.value as Bed))}>
                  {(Object.keys(BED_LABEL) as (Bed | "default")[]).map((b) => (
                    <option key={b} value={b}>
                      {BED_LABEL[b]}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={`Music volume: ${draft.musicVolumeDb} dB`} id="tpl-volume" hint="Under the voice; ducked further while the presenter speaks.">
                <input id="tpl-volume" type="range" min={-40} max={0} step={1} disabled={draft.musicBed === "none"} value={draft.musicVolumeDb} onChange={(e) => set("musicVolumeDb", Number(e.target.value))} className="w-full" />
              </Field>
            </div>
            <div className="grid gap-3 sm:grid-cols-2">
              <LabelledSwitch checked={draft.captions} onChange={(v) => set("captions", v)} label="Captions" hint="Word-by-word captions on the video" />
              <LabelledSwitch checked={draft.useBrand} onChange={(v) => set("useBrand", v)} label="Use brand kit" hint="Logo, colours, intro/outro and watermark from Settings → Brand" />
            </div>
            <FormError message={error} />
            <div className="flex gap-2">
              <Button type="submit" disabled={busy}>
                {busy ? "Saving…" : editing === "new" ? "Add template" : "Save template"}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
                Cancel
              </Button>
            </div>
          </form>
        </Card>
      ) : (
        <FormError message={error} />
      )}

      <TemplateList title="Your templates" empty="No templates of your own yet. Add one to reuse your music, brand and layout." items={own} canEdit={canEdit} busy={busy} onEdit={open} onDelete={remove} />
      <TemplateList title="Built-in" items={builtIn} canEdit={false} busy={busy} onEdit={open} onDelete={remove} />
    </div>
  );
}

function TemplateList(p: { title: string; empty?: string; items: TemplateView[]; canEdit: boolean; busy: boolean; onEdit: (t: TemplateView) => void; onDelete: (t: TemplateView) => void }) {
  return (
    <section aria-label={p.title} className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-300">{p.title}</h3>
      {p.items.length === 0 ? <p className="text-sm text-slate-600 dark:text-slate-400">{p.empty}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {p.items.map((t) => (
          <li key={t.id}>
            <Card className="flex h-full flex-col gap-3 p-4" data-testid="template-card">
              <div className="flex items-start gap-3">
                <span
                  aria-hidden
                  className={cx("mt-0.5 shrink-0 rounded ring-1 ring-slate-300 dark:ring-slate-700", t.aspectRatio === "portrait" ? "h-10 w-6" : t.aspectRatio === "portrait_4x5" ? "h-10 w-8" : t.aspectRatio === "landscape" ? "h-6 w-10" : "h-8 w-8")}
                  style={{ background: t.background.type === "color" ? t.background.value : t.background.type === "gradient" ? `linear-gradient(135deg, ${t.background.colors[0]}, ${t.background.colors[1]})` : "#cbd5e1" }}
                />
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{t.name}</p>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {ASPECT_LABEL[t.aspectRatio]} · {t.captions ? "captions" : "no captions"} · voice {t.voiceSpeed}×
                  </p>
                </div>
                {t.workspaceId === null ? <Badge>Built-in</Badge> : null}
              </div>
              <div className="flex flex-wrap gap-1.5 text-xs">
                <Badge tone="blue">♪ {musicSummary(t)}</Badge>
                <Badge tone={t.useBrand ? "green" : "slate"}>{t.useBrand ? "Brand kit on" : "Brand kit off"}</Badge>
              </div>
              {p.canEdit ? (
                <div className="mt-auto flex gap-2">
                  <Button size="sm" variant="secondary" disabled={p.busy} onClick={() => p.onEdit(t)} aria-label={`Edit ${t.name}`}>
                    Edit
                  </Button>
                  <Button size="sm" variant="ghost" disabled={p.busy} onClick={() => p.onDelete(t)} aria-label={`Delete ${t.name}`}>
                    Delete
                  </Button>
                </div>
              ) : null}
            </Card>
          </li>
        ))}
      </ul>
    </section>
  );
}
