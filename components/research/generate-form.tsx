"use client";
import Link from "next/link";
import { ScriptSources, type ScriptLineView } from "@/components/create/script-sources";
import { useCallback, useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { Badge, Button, Card, Field, Input, cx, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { createVideoFromResearchAction, generateScriptAction } from "@/app/(app)/research/actions";
import { SOURCE_NAMES } from "./status";
import { storyboardScript, type Storyboard } from "@/lib/compose/types";
import { StoryboardEditor } from "@/components/create/storyboard/storyboard-editor";
import type { CardChoice } from "@/components/create/storyboard/model";
import { GenerateEstimate } from "./generate-estimate";

export interface AvatarOption {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  locked: boolean;
}

interface Generated {
  title: string;
  script: string;
  citations: Array<{ title: string; url: string; source: string }>;
  insightIds: string[];
  lines?: ScriptLineView[];
}

export function GenerateForm({
  jobId,
  selected,
  avatars,
  templates,
  disabled,
  videos,
}: {
  jobId: string;
  selected: string[];
  avatars: AvatarOption[];
  templates: Array<{ id: string; name: string }>;
  disabled: boolean;
  videos: Array<{ id: string; title: string; status: string }>;
}) {
  const usable = avatars.filter((a) => !a.locked);
  const [avatarId, setAvatarId] = useState(usable.find((a) => a.slug === "sarah")?.id ?? usable[0]?.id ?? "");
  const [templateId, setTemplateId] = useState("");
  const [gen, setGen] = useState<Generated | null>(null);
  const [title, setTitle] = useState("");
  const [script, setScript] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<null | "script" | "video">(null);
  const [created, setCreated] = useState<Array<{ id: string; title: string }>>([]);
  // Scenes (issue 14): once planned, the storyboard writes the script.
  const [board, setBoardState] = useState<Storyboard | null>(null);
  const [cards, setCards] = useState<CardChoice[]>([]);
  const [planning, setPlanning] = useState(false);
  const setBoard = (b: Storyboard | null) => {
    setBoardState(b);
    if (b) setScript(storyboardScript(b));
  };
  const planScenes = async () => {
    setPlanning(true);
    setErrors({});
    try {
      // The written script untouched: plan from the run (its lines keep their sources); edited: plan the edit.
      const untouched = !!gen && gen.script === script;
      const body = { researchJobId: jobId, ...(untouched ? (gen.insightIds.length ? { insightIds: gen.insightIds } : {}) : { script }) };
      const res = await fetch("/api/v1/storyboards/plan", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const r = await res.json().catch(() => null);
      if (!res.ok) throw new Error(r?.error?.message ?? "Could not plan the scenes. Try again.");
      setCards(r.cards ?? []);
      setBoard(r.storyboard as Storyboard);
    } catch (err) {
      setErrors({ form: (err as Error).message });
    } finally {
      setPlanning(false);
    }
  };
  const toast = useToast();
  const router = useRouter();
  const avatarName = usable.find((a) => a.id === avatarId)?.name ?? "your presenter";

  const write = useCallback(
    async (ids: string[]) => {
      setBusy("script");
      const r = await generateScriptAction(jobId, ids.length ? ids : null);
      setBusy(null);
      if (!r.ok) {
        setErrors({ script: r.message });
        return;
      }
      setErrors({});
      setGen(r.data);
      setTitle(r.data.title);
      setScript(r.data.script);
      setBoardState(null);
    },
    [jobId],
  );

  useEffect(() => {
    if (!disabled) void write([]);
  }, [disabled, write]);

  async function submit() {
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = "Give the video a title.";
    if (!script.trim()) local.script = "Write a script: it is what the presenter says.";
    if (!avatarId) local.avatar = "Pick a presenter.";
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy("video");
    const r = await createVideoFromResearchAction({
      researchJobId: jobId,
      avatarProfileId: avatarId,
      templateId: templateId || undefined,
      insightIds: gen?.insightIds,
      title,
      script,
      storyboard: board ?? undefined,
    });
    setBusy(null);
    if (!r.ok) {
      const fe: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.fieldErrors)) fe[k === "avatarProfileId" ? "avatar" : k] = v;
      setErrors(Object.keys(fe).length ? fe : { form: r.message });
      toast(r.message, "error");
      return;
    }
    setCreated((c) => [{ id: r.data.id, title: r.data.title }, ...c]);
    // Like the create flow: go to the new video's page, where its progress is live (a toast
    // alone left people on the research page wondering where the video went).
    toast("Video queued. Opening its page…", "success");
    router.push(`/videos/${r.data.id}`);
  }

  return (
    <Card>
      <h2 className="text-base font-semibold">Generate with {avatarName}</h2>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">The script is written from the insights through your extraction rule. Edit it freely.</p>
      <form
        aria-label="Generate a video from this research"
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
          <Field label="Presenter" id="gen-avatar" error={errors.avatar}>
            <select id="gen-avatar" className={inputClass} value={avatarId} onChange={(e) => setAvatarId(e.target.value)} disabled={disabled}>
              {avatars.map((a) => (
                <option key={a.id} value={a.id} disabled={a.locked}>
                  {a.name}
                  {a.locked ? " (upgrade)" : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Template" id="gen-template">
            <select id="gen-template" className={inputClass} value={templateId} onChange={(e) => setTemplateId(e.target.value)} disabled={disabled}>
              <option value="">Default (portrait)</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Title" id="gen-title" error={errors.title}>
          <Input id="gen-title" value={title} onChange={(e) => setTitle(e.target.value)} disabled={disabled || busy === "script"} invalid={!!errors.title} placeholder={busy === "script" ? "Writing…" : ""} />
        </Field>
        <Field label="Script" id="gen-script" error={errors.script} hint={`${script.length.toLocaleString("en-US")} / 5,000 characters`}>
          <textarea
            id="gen-script"
            rows={10}
            className={cx(inputClass, "font-[450] leading-relaxed", errors.script && "ring-red-500")}
            aria-invalid={!!errors.script || undefined}
            value={script}
            onChange={(e) => setScript(e.target.value)}
            readOnly={!!board}
            disabled={disabled || busy === "script"}
            placeholder={busy === "script" ? "Writing the script from the insights…" : ""}
          />
        </Field>
        {gen?.lines?.length && gen.lines.map((l) => l.text).join("\n\n") === script ? (
          <div>
            <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Where each line comes from</p>
            <ScriptSources lines={gen.lines} />
          </div>
        ) : gen?.citations.length ? (
          <div>
            <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Sources cited</p>
            <ul className="space-y-1">
              {gen.citations.slice(0, 5).map((c) => (
                <li key={c.url} className="flex items-center gap-2 text-xs">
                  <Badge>{SOURCE_NAMES[c.source] ?? c.source}</Badge>
                  <a href={c.url} target="_blank" rel="noreferrer noopener" className="line-clamp-1 text-slate-600 hover:text-brand-600 hover:underline dark:text-slate-300">
                    {c.title}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {board ? (
          <div className="space-y-2 border-t border-slate-100 pt-4 dark:border-slate-800">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-semibold">Scenes</p>
              <Button type="button" variant="ghost" size="sm" onClick={() => setBoard(null)}>
                Back to a plain script
              </Button>
            </div>
            <StoryboardEditor board={board} cards={cards} onChange={setBoard} presenterImage={null} platformAspects={[]} />
          </div>
        ) : null}
        {disabled ? null : <GenerateEstimate script={script} avatarId={avatarId} templateId={templateId} storyboard={board} />}
        {errors.form ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {errors.form}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={disabled || !!busy}>
            {busy === "video" ? "Queuing…" : `Generate with ${avatarName}`}
          </Button>
          <Button type="button" variant="secondary" disabled={disabled || !!busy} onClick={() => void write(selected)}>
            {selected.length ? `Rewrite from ${selected.length} selected` : "Rewrite script"}
          </Button>
          {board ? null : (
            <Button type="button" variant="secondary" disabled={disabled || !!busy || planning || !script.trim()} aria-busy={planning} onClick={() => void planScenes()}>
              {planning ? "Planning…" : "Plan scenes"}
            </Button>
          )}
        </div>
      </form>
      {[...created, ...videos].length ? (
        <div className="mt-5 border-t border-slate-100 pt-4 dark:border-slate-800">
          <p className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Videos from this research</p>
          <ul className="space-y-1 text-sm" aria-label="Videos from this research">
            {[...created, ...videos.filter((v) => !created.some((c) => c.id === v.id))].map((v) => (
              <li key={v.id}>
                <Link href={`/videos/${v.id}`} className="text-brand-700 hover:underline dark:text-brand-300">
                  {v.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  );
}
