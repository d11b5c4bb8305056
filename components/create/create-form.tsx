"use client";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Button, Card } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { createVideoAction } from "@/app/(app)/create/actions";
import type { PlatformOption, ProviderOption } from "@/components/videos/types";
import { AvatarPicker } from "./avatar-picker";
import { ScriptEditor } from "./script-editor";
import { SettingsPanel } from "./settings-panel";
import { CostEstimate, type EstimateResult } from "./cost-estimate";
import { fetchEstimate } from "./fetch-estimate";
import { ResearchPicker, type ResearchScript } from "./research-picker";
import { ScriptSources, type ScriptLineView } from "./script-sources";
import { DEFAULT_VALUES, type AvatarOption, type CreateFormValues, type TemplateOption } from "./types";
import { storyboardScript, type ComposeAspect, type Storyboard } from "@/lib/compose/types";
import { StoryboardEditor } from "./storyboard/storyboard-editor";
import type { CardChoice } from "./storyboard/model";

const ASPECT_OF: Record<CreateFormValues["aspectRatio"], ComposeAspect> = { portrait: "9:16", landscape: "16:9", square: "1:1", portrait_4x5: "4:5" };

const draftKey = (workspaceId: string) => `avs:create-draft:${workspaceId}`;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

type Errors = Partial<Record<"avatar" | "title" | "script" | "background" | "targetPlatforms" | "providerPreference" | "voiceSpeed" | "form", string>>;

const FIELD_OF: Record<string, keyof Errors> = {
  avatarProfileId: "avatar",
  title: "title",
  script: "script",
  storyboard: "form",
  background: "background",
  targetPlatforms: "targetPlatforms",
  providerPreference: "providerPreference",
  voiceSpeed: "voiceSpeed",
};

export function CreateForm({
  workspaceId,
  plan,
  avatars,
  templates,
  platforms,
  providers,
  maxScriptChars,
  maxTitleChars,
  prefill,
  prefillFrom,
  prefillProblem,
  prefillCards = [],
}: {
  workspaceId: string;
  plan: string;
  avatars: AvatarOption[];
  templates: TemplateOption[];
  platforms: PlatformOption[];
  providers: ProviderOption[];
  maxScriptChars: number;
  maxTitleChars: number;
  prefill: Partial<CreateFormValues> | null;
  prefillFrom: string | null;
  prefillProblem: string | null;
  /** Research cards the storyboard may swap in (when the form opens planned from a research run). */
  prefillCards?: CardChoice[];
}) {
  const router = useRouter();
  const toast = useToast();
  const defaultAvatar = avatars.find((a) => !a.locked)?.slug ?? "";
  const blank = useMemo<CreateFormValues>(() => ({ ...DEFAULT_VALUES, avatar: defaultAvatar }), [defaultAvatar]);
  const [values, setValues] = useState<CreateFormValues>(() => {
    if (!prefill) return blank;
    const clean = Object.fromEntries(Object.entries(prefill).filter(([, v]) => v !== undefined)) as Partial<CreateFormValues>;
    return { ...blank, ...clean, avatar: clean.avatar || blank.avatar };
  });
  const [errors, setErrors] = useState<Errors>({});
  const [hydrated, setHydrated] = useState(false);
  const [draftRestored, setDraftRestored] = useState(false);
  const [researchName, setResearchName] = useState<string | null>(null);
  const [citations, setCitations] = useState<ResearchScript["citations"]>([]);
  const [scriptLines, setScriptLines] = useState<ScriptLineView[]>([]);
  const [pending, startTransition] = useTransition();
  const [cards, setCards] = useState<CardChoice[]>(prefillCards);
  const [planning, setPlanning] = useState(false);
  const [planError, setPlanError] = useState<string | null>(null);
  const submitKey = useRef<string | null>(null);

  const set = (patch: Partial<CreateFormValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setErrors((e) => {
      const keys = Object.keys(patch) as (keyof Errors)[];
      if (!keys.some((k) => e[k]) && !e.form) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      delete next.form;
      return next;
    });
  };

  // Restore the autosaved draft (only when not starting from an existing video).
  useEffect(() => {
    if (!prefill) {
      try {
        const raw = localStorage.getItem(draftKey(workspaceId));
        if (raw) {
          const d = JSON.parse(raw) as Partial<CreateFormValues>;
          if ((d.title ?? "").trim() || (d.script ?? "").trim()) {
            const avatarOk = avatars.some((a) => a.slug === d.avatar && !a.locked);
            setValues({ ...blank, ...d, avatar: avatarOk ? d.avatar! : blank.avatar });
            setDraftRestored(true);
          }
        }
      } catch {
        localStorage.removeItem(draftKey(workspaceId));
      }
    }
    setHydrated(true);
    // Runs once on mount: the draft belongs to this workspace's form.
  }, []);

  // Autosave while typing, 400 ms after the last change. A change still waiting when the user
  // leaves (a link in the app unmounts the form; closing the tab fires pagehide) is written at
  // once, so the last moments of work are not lost — e.g. "Back to a plain script" and then
  // straight to Settings used to restore the storyboard on return.
  const pendingDraft = useRef<CreateFormValues | null>(null);
  const saveDraft = useRef((v: CreateFormValues) => {
    if (!v.title.trim() && !v.script.trim()) localStorage.removeItem(draftKey(workspaceId));
    else localStorage.setItem(draftKey(workspaceId), JSON.stringify(v));
  });
  useEffect(() => {
    if (!hydrated) return;
    pendingDraft.current = values;
    const t = setTimeout(() => {
      pendingDraft.current = null;
      saveDraft.current(values);
    }, 400);
    return () => clearTimeout(t);
  }, [values, hydrated, workspaceId]);
  useEffect(() => {
    const flush = () => {
      const v = pendingDraft.current;
      pendingDraft.current = null;
      if (v) saveDraft.current(v);
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);

  const clearDraft = () => {
    localStorage.removeItem(draftKey(workspaceId));
    setValues(blank);
    setDraftRestored(false);
    setResearchName(null);
    setCitations([]);
    setErrors({});
  };

  const avatar = avatars.find((a) => a.slug === values.avatar);
  const storyboard = values.storyboard ?? null;

  // A storyboard writes the script: its lines, one paragraph per scene (what the estimate reads too).
  const setStoryboard = (board: Storyboard | null) => set(board ? { storyboard: board, script: storyboardScript(board) } : { storyboard: null });

  const planScenes = async () => {
    setPlanError(null);
    if (!values.script.trim() && !values.researchJobId) {
      setPlanError("Write a script or start from research first: each paragraph becomes a scene.");
      return;
    }
    setPlanning(true);
    try {
      // From research with its own script untouched: the run's lines keep their sources (cards, citations).
      const fromRun = !!values.researchJobId && scriptLines.length > 0 && scriptLines.map((l) => l.text).join("\n\n") === values.script;
      const body = {
        ...(values.researchJobId ? { researchJobId: values.researchJobId } : {}),
        ...(fromRun || !values.script.trim() ? {} : { script: values.script }),
        aspects: [ASPECT_OF[values.aspectRatio]],
        platforms: values.targetPlatforms,
      };
      const res = await fetch("/api/v1/storyboards/plan", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const r = await res.json().catch(() => null);
      if (!res.ok) throw new Error(r?.error?.message ?? "Could not plan the scenes. Try again.");
      setCards(r.cards ?? []);
      setStoryboard(r.storyboard as Storyboard);
    } catch (err) {
      setPlanError((err as Error).message);
    } finally {
      setPlanning(false);
    }
  };

  // Estimate: debounced, one request per settled change.
  const estimateInput = useDebounced(
    {
      script: values.script,
      avatarProfileId: values.avatar,
      aspectRatio: values.aspectRatio,
      voiceSpeed: values.voiceSpeed,
      captions: values.captions,
      providerPreference: values.providerPreference,
      // A storyboard's AI B-roll is priced too (issue 14; lib/videos/estimate-public.ts).
      storyboard: values.storyboard ?? undefined,
    },
    450,
  );
  const canEstimate = !!estimateInput.script.trim() && estimateInput.script.length <= maxScriptChars && !!avatars.find((a) => a.slug === estimateInput.avatarProfileId && !a.locked);
  const estimate = useQuery<EstimateResult>({
    queryKey: ["estimate", workspaceId, estimateInput],
    enabled: canEstimate,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) => fetchEstimate(estimateInput, signal),
  });
  const estimateIdle = !values.avatar ? "Pick a presenter to see the cost." : !values.script.trim() ? "Write a script to see what it will cost and which provider renders it." : null;

  const onTemplate = (slug: string) => {
    const t = templates.find((x) => x.slug === slug);
    if (!t) {
      set({ templateId: "" });
      return;
    }
    set({
      templateId: slug,
      aspectRatio: t.aspectRatio,
      captions: t.captions,
      voiceSpeed: t.voiceSpeed,
      ...(t.background.type === "color" || t.background.type === "gradient" ? { background: t.background } : {}),
    });
    toast(`Applied “${t.name}”: ${t.aspectRatio}, ${t.captions ? "captions on" : "no captions"}.`, "info");
  };

  const onResearch = (jobId: string, r: ResearchScript, name: string) => {
    if (values.script.trim() && !window.confirm("Replace the current title and script with the one written from this research?")) return;
    set({ title: r.title.slice(0, maxTitleChars), script: r.script, researchJobId: jobId, storyboard: null });
    setResearchName(name);
    setCitations(r.citations ?? []);
    setScriptLines(r.lines ?? []);
    toast(`Script written from “${name}”.`, "success");
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const local: Errors = {};
    if (!values.avatar || avatar?.locked) local.avatar = "Pick a presenter available on your plan.";
    if (!values.title.trim()) local.title = "Give the video a title.";
    const emptyScene = storyboard?.scenes.findIndex((sc) => !sc.text.trim()) ?? -1;
    if (emptyScene >= 0) local.form = `Scene ${emptyScene + 1} has no line. Write what the presenter says there, or remove the scene.`;
    if (!values.script.trim()) local.script = "Write a script: it is what the presenter says.";
    else if (values.script.length > maxScriptChars) local.script = `Scripts are limited to ${maxScriptChars.toLocaleString("en-US")} characters; shorten it or split it into two videos.`;
    if (Object.keys(local).length) {
      setErrors(local);
      const first = local.form && !local.avatar && !local.title && !local.script ? '[data-testid="storyboard-editor"]' : local.avatar ? '[role="radiogroup"][aria-label="Presenter"]' : local.title ? "#video-title" : "#video-script";
      document.querySelector<HTMLElement>(first)?.scrollIntoView({ block: "center", behavior: "smooth" });
      if (!local.avatar) document.querySelector<HTMLElement>(first)?.focus();
      return;
    }
    // One key per submission: a double click or a retried request makes one video, not two.
    submitKey.current ??= newKey();
    const input = {
      title: values.title.trim(),
      script: values.script,
      avatarProfileId: values.avatar,
      templateId: values.templateId || undefined,
      aspectRatio: values.aspectRatio,
      voiceSpeed: values.voiceSpeed,
      captions: values.captions,
      background: values.background,
      targetPlatforms: values.targetPlatforms,
      providerPreference: values.providerPreference,
      idempotencyKey: submitKey.current,
      storyboard: storyboard ?? undefined,
    };
    startTransition(async () => {
      let r: Awaited<ReturnType<typeof createVideoAction>>;
      try {
        r = await createVideoAction(input, values.researchJobId);
      } catch {
        // Network trouble: keep the key so trying again cannot create a duplicate.
        toast("Could not reach the server. Check your connection and press Generate again.", "error");
        return;
      }
      if (r.ok) {
        // Sent: nothing pending may write the draft back when the form unmounts.
        pendingDraft.current = null;
        localStorage.removeItem(draftKey(workspaceId));
        toast("Video queued — watch it render live.", "success");
        router.push(`/videos/${r.data.id}`);
        return;
      }
      submitKey.current = null;
      const next: Errors = {};
      for (const [k, msg] of Object.entries(r.error.fields ?? {})) next[FIELD_OF[k] ?? "form"] ??= msg;
      if (r.error.code === "forbidden") next.avatar = r.error.message;
      else if (!Object.keys(next).length) next.form = r.error.message;
      setErrors(next);
      toast(r.error.code === "budget_exceeded" ? "Over budget — see the estimate." : r.error.message, "error");
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Create a video">
      {prefillFrom ? (
        <div className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-brand-50 px-4 py-3 text-sm text-brand-900 ring-1 ring-brand-200 dark:bg-brand-500/10 dark:text-brand-100 dark:ring-brand-500/30">
          <span>Starting from an earlier video&apos;s settings. Change anything, then generate a new version — the original stays as it is.</span>
        </div>
      ) : null}
      {prefillProblem ? (
        <p role="alert" className="mb-6 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
          {prefillProblem}
        </p>
      ) : null}
      {draftRestored ? (
        <div role="status" className="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white px-4 py-3 text-sm shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
          <span className="flex items-center gap-2">
            <span aria-hidden className="h-2 w-2 rounded-full bg-emerald-500" />
            Draft restored — your last unsent script is back.
          </span>
          <span className="flex gap-2">
            <Button type="button" variant="ghost" size="sm" onClick={() => setDraftRestored(false)}>
              Keep editing
            </Button>
            <Button type="button" variant="secondary" size="sm" onClick={clearDraft}>
              Clear draft
            </Button>
          </span>
        </div>
      ) : null}

      {/* Reading order is presenter, script, look, cost; on wide screens the look panel sits beside the rest. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_auto_1fr] xl:grid-cols-[minmax(0,1fr)_24rem]">
          <Card className="min-w-0 p-4 sm:p-6 lg:col-start-1 lg:row-start-1">
            <StepHeading n={1} title="Presenter" hint="Hover or focus a presenter to hear and see them." />
            <AvatarPicker avatars={avatars} value={values.avatar} onChange={(slug) => set({ avatar: slug })} error={errors.avatar} plan={plan} />
          </Card>

          <Card className="min-w-0 p-4 sm:p-6 lg:col-start-1 lg:row-start-2">
            <StepHeading n={2} title="Script" hint="Write it, or start from finished research." />
            <ScriptEditor
              title={values.title}
              script={values.script}
              voiceSpeed={values.voiceSpeed}
              maxScriptChars={maxScriptChars}
              maxTitleChars={maxTitleChars}
              errors={{ title: errors.title, script: errors.script }}
              onTitle={(title) => set({ title })}
              onScript={(script) => set({ script })}
              toolbar={storyboard ? undefined : <ResearchPicker onPick={onResearch} />}
              lockedNote={storyboard ? "The storyboard below writes the script: change a scene's line there." : undefined}
            />
            {values.researchJobId ? (
              <div className="mt-4 rounded-xl bg-slate-50 px-3 py-2.5 text-sm dark:bg-slate-800/60">
                <div className="flex items-center justify-between gap-2">
                  <span className="min-w-0 truncate">
                    <span className="text-slate-600 dark:text-slate-400">From research:</span> <span className="font-medium">{researchName ?? "linked research"}</span>
                  </span>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => {
                      set({ researchJobId: null });
                      setResearchName(null);
                      setCitations([]);
                      setScriptLines([]);
                    }}
                  >
                    Unlink
                  </Button>
                </div>
                {scriptLines.length && scriptLines.map((l) => l.text).join("\n\n") === values.script ? (
                  <ScriptSources lines={scriptLines} />
                ) : citations.length ? (
                  <ul aria-label="Citations" className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
                    {citations.slice(0, 5).map((c, i) => (
                      <li key={`${c.url}-${i}`} className="truncate">
                        [{i + 1}]{" "}
                        <a href={c.url} target="_blank" rel="noreferrer noopener" className="hover:underline">
                          {c.title}
                        </a>{" "}
                        · {c.source}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : null}
            <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <div>
                  <h3 className="text-sm font-semibold">Scenes</h3>
                  <p className="text-xs text-slate-600 dark:text-slate-400">
                    {storyboard
                      ? `${storyboard.scenes.length} scenes · ${storyboard.aspects.join(", ")}`
                      : "Cut between the presenter and what they talk about: research cards, your images and clips, with sources on screen."}
                  </p>
                </div>
                {storyboard ? (
                  <Button type="button" variant="ghost" size="sm" onClick={() => setStoryboard(null)}>
                    Back to a plain script
                  </Button>
                ) : (
                  <Button type="button" variant="secondary" size="sm" onClick={() => void planScenes()} disabled={planning} aria-busy={planning}>
                    {planning ? "Planning…" : "Plan scenes"}
                  </Button>
                )}
              </div>
              {planError ? (
                <p role="alert" className="mb-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
                  {planError}
                </p>
              ) : null}
              {storyboard ? (
                <StoryboardEditor
                  board={storyboard}
                  cards={cards}
                  onChange={setStoryboard}
                  presenterImage={avatar?.imageUrl ?? null}
                  platformAspects={[...new Set(values.targetPlatforms.map((id) => platforms.find((p) => p.id === id)?.aspect).filter((a): a is string => !!a))]}
                />
              ) : null}
            </div>
          </Card>
          <Card className="min-w-0 self-start p-4 sm:p-6 lg:col-start-2 lg:row-span-3 lg:row-start-1">
            <StepHeading n={3} title="Look & delivery" />
            <SettingsPanel
              values={values}
              set={set}
              templates={templates}
              platforms={platforms}
              providers={providers}
              avatar={avatar}
              onTemplate={onTemplate}
              errors={errors}
            />
          </Card>

          <Card className="min-w-0 space-y-4 self-start p-4 sm:p-6 lg:col-start-1 lg:row-start-3">
            <CostEstimate data={canEstimate ? estimate.data : undefined} loading={canEstimate && estimate.isFetching} error={canEstimate && estimate.isError ? (estimate.error as Error).message : null} idle={estimateIdle} />
            {errors.form ? (
              <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
                {errors.form}
              </p>
            ) : null}
            <Button type="submit" size="lg" className="w-full" disabled={pending} aria-busy={pending}>
              {pending ? (
                <>
                  <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />
                  Queuing…
                </>
              ) : (
                "Generate video"
              )}
            </Button>
            <p className="text-center text-xs text-slate-600 dark:text-slate-400">You can cancel while it renders; nothing is charged for cancelled or failed videos.</p>
          </Card>
      </div>
    </form>
  );
}

function StepHeading({ n, title, hint }: { n: number; title: string; hint?: string }) {
  return (
    <div className="mb-4 flex items-start gap-3">
      <span aria-hidden className="brand-gradient flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white">
        {n}
      </span>
      <div>
        <h2 className="text-base font-semibold leading-7">{title}</h2>
        {hint ? <p className="text-sm text-slate-600 dark:text-slate-400">{hint}</p> : null}
      </div>
    </div>
  );
}
