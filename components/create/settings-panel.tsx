"use client";
import { cx, inputClass } from "@/components/ui/primitives";
import type { PlatformOption, ProviderOption } from "@/components/videos/types";
import { ASPECTS } from "./aspects";
import type { Aspect, AvatarOption, BackgroundValue, CreateFormValues, TemplateOption } from "./types";

const ASPECT_RATIO: Record<Aspect, string> = { portrait: "9:16", landscape: "16:9", square: "1:1", portrait_4x5: "4:5" };

export function backgroundCss(b: BackgroundValue): string {
  return b.type === "color" ? b.value : `linear-gradient(135deg, ${b.colors[0]} 0%, ${b.colors[1]} 100%)`;
}

/** Live preview of the frame: the chosen background, title and presenter in the chosen shape. */
export function FramePreview({ values, avatar }: { values: CreateFormValues; avatar?: AvatarOption }) {
  const a = ASPECTS.find((x) => x.id === values.aspectRatio) ?? ASPECTS[0];
  const tall = a.h > a.w;
  const circle = avatar?.style === "circle";
  const closeup = avatar?.style === "closeup";
  const size = circle
    ? tall ? "w-[58%] aspect-square rounded-full" : "h-[52%] aspect-square rounded-full"
    : tall ? (closeup ? "w-[78%] aspect-[3/4] rounded-lg" : "w-[64%] aspect-[3/4] rounded-lg") : closeup ? "h-[68%] aspect-[3/4] rounded-lg" : "h-[58%] aspect-[3/4] rounded-lg";
  return (
    <div
      role="img"
      aria-label={`Frame preview: ${a.label.toLowerCase()} ${a.ratio}${avatar ? ` with ${avatar.name}` : ""}, captions ${values.captions ? "on" : "off"}`}
      className="flex h-60 items-center justify-center rounded-xl bg-slate-100 bg-[radial-gradient(circle,rgba(148,163,184,0.35)_1px,transparent_1px)] [background-size:12px_12px] p-3 dark:bg-slate-950"
    >
      <div
        className="relative flex max-h-full max-w-full flex-col items-center justify-center overflow-hidden rounded-lg shadow-lg ring-1 ring-black/10 transition-all duration-300"
        style={{ aspectRatio: `${a.w} / ${a.h}`, height: tall || a.w === a.h ? "100%" : undefined, width: a.w > a.h ? "100%" : undefined, background: backgroundCss(values.background) }}
      >
        <span className="absolute top-[5%] max-w-[80%] truncate rounded-full bg-white/25 px-2 py-0.5 text-[8px] font-semibold text-white backdrop-blur-sm">
          {values.title.trim() || "Your title"}
        </span>
        {avatar ? (
          <img src={avatar.imageUrl} alt="" width={512} height={512} className={cx("object-cover shadow-md ring-2 ring-white/70", size, tall && "-mt-[6%]")} />
        ) : (
          <span className={cx("flex items-center justify-center bg-white/20 text-[9px] font-medium text-white", size)}>Pick a presenter</span>
        )}
        {values.captions ? (
          <span className="absolute bottom-[8%] max-w-[86%] truncate rounded bg-slate-900/80 px-1.5 py-0.5 text-[8px] font-semibold text-white">
            {firstSentence(values) || "Captions appear here"}
          </span>
        ) : null}
      </div>
    </div>
  );
}

function firstSentence(v: CreateFormValues): string {
  const s = v.script.trim().split(/(?<=[.!?])\s+/)[0] ?? "";
  return s.length > 48 ? `${s.slice(0, 48)}…` : s;
}

function Section({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <fieldset className="space-y-2.5" id={id}>
      <legend className="mb-2.5 text-sm font-medium text-slate-700 dark:text-slate-300">{title}</legend>
      {children}
    </fieldset>
  );
}

export function SettingsPanel({
  values,
  set,
  templates,
  platforms,
  providers,
  avatar,
  onTemplate,
  errors,
}: {
  values: CreateFormValues;
  set: (patch: Partial<CreateFormValues>) => void;
  templates: TemplateOption[];
  platforms: PlatformOption[];
  providers: ProviderOption[];
  avatar?: AvatarOption;
  onTemplate: (slug: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const bg = values.background;
  const gradient: [string, string] = bg.type === "gradient" ? bg.colors : [bg.value, "#764ba2"];
  const solid = bg.type === "color" ? bg.value : bg.colors[0];

  return (
    <div className="space-y-6">
      <FramePreview values={values} avatar={avatar} />

      <div className="space-y-1.5">
        <label htmlFor="video-template" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Template
        </label>
        <select id="video-template" className={inputClass} value={values.templateId} onChange={(e) => onTemplate(e.target.value)}>
          <option value="">No template (custom settings)</option>
          {templates.map((t) => (
            <option key={t.id} value={t.slug}>
              {t.name} — {t.description}
            </option>
          ))}
        </select>
      </div>

      <Section title="Aspect ratio">
        <div role="radiogroup" aria-label="Aspect ratio" className="grid grid-cols-4 gap-2">
          {ASPECTS.map((a) => {
            const on = values.aspectRatio === a.id;
            return (
              <label
                key={a.id}
                className={cx(
                  "flex cursor-pointer flex-col items-center gap-1.5 rounded-xl px-2 py-2.5 text-xs font-medium ring-1 transition has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                  on ? "bg-brand-50 text-brand-700 ring-brand-400 dark:bg-brand-500/15 dark:text-brand-200 dark:ring-brand-500/60" : "ring-slate-200 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800",
                )}
              >
                <input type="radio" name="aspect" value={a.id} checked={on} onChange={() => set({ aspectRatio: a.id })} className="sr-only" aria-label={`${a.label} ${a.ratio}`} />
                <span aria-hidden className={cx("rounded-[3px] border-2", on ? "border-brand-500" : "border-slate-400")} style={{ width: a.w >= a.h ? 22 : 22 * (a.w / a.h), height: a.h >= a.w ? 22 : 22 * (a.h / a.w) }} />
                <span>{a.label}</span>
                <span className="text-[10px] text-slate-600 dark:text-slate-400">{a.ratio}</span>
              </label>
            );
          })}
        </div>
      </Section>

      <Section title="Target platforms">
        <div className="grid grid-cols-2 gap-1.5">
          {platforms.map((p) => {
            const checked = values.targetPlatforms.includes(p.id);
            const reframed = p.aspect !== ASPECT_RATIO[values.aspectRatio];
            return (
              <label key={p.id} className="flex cursor-pointer items-start gap-2 rounded-lg px-2 py-1.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60">
                <input
                  type="checkbox"
                  checked={checked}
                  onChange={(e) => set({ targetPlatforms: e.target.checked ? [...values.targetPlatforms, p.id] : values.targetPlatforms.filter((x) => x !== p.id) })}
                  className="mt-0.5 h-4 w-4 rounded border-slate-300 accent-brand-600"
                />
                <span className="min-w-0">
                  <span className="block">{p.label}</span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {p.aspect}
                    {checked && reframed ? " · reframed from your ratio" : ""}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {errors.targetPlatforms ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.targetPlatforms}</p> : null}
      </Section>

      <div className="space-y-1.5">
        <div className="flex items-center justify-between">
          <label htmlFor="voice-speed" className="text-sm font-medium text-slate-700 dark:text-slate-300">
            Voice speed
          </label>
          <span className="text-sm tabular-nums text-slate-600 dark:text-slate-400" aria-hidden>
            {values.voiceSpeed.toFixed(2)}×
          </span>
        </div>
        <input
          id="voice-speed"
          type="range"
          min={0.5}
          max={2}
          step={0.05}
          value={values.voiceSpeed}
          aria-valuetext={`${values.voiceSpeed.toFixed(2)} times`}
          onChange={(e) => set({ voiceSpeed: Number(e.target.value) })}
          className="w-full accent-brand-600"
        />
        <div className="flex justify-between text-[10px] text-slate-600 dark:text-slate-400" aria-hidden>
          <span>0.5× slower</span>
          <span>1×</span>
          <span>2× faster</span>
        </div>
      </div>

      <label className="flex cursor-pointer items-center justify-between gap-3">
        <span>
          <span className="block text-sm font-medium text-slate-700 dark:text-slate-300">Captions</span>
          <span className="block text-xs text-slate-600 dark:text-slate-400">Burned into the video, word by word, the spoken word highlighted</span>
        </span>
        <span className="relative inline-flex">
          <input type="checkbox" role="switch" aria-label="Captions" checked={values.captions} onChange={(e) => set({ captions: e.target.checked })} className="peer sr-only" />
          <span aria-hidden className="h-6 w-11 rounded-full bg-slate-300 transition peer-checked:bg-brand-600 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-500 peer-focus-visible:ring-offset-2 dark:bg-slate-700" />
          <span aria-hidden className="absolute left-0.5 top-0.5 h-5 w-5 rounded-full bg-white shadow transition peer-checked:translate-x-5" />
        </span>
      </label>

      <Section title="Background">
        <div role="radiogroup" aria-label="Background type" className="inline-flex rounded-lg bg-slate-100 p-1 text-sm dark:bg-slate-800">
          {(["color", "gradient"] as const).map((t) => (
            <label
              key={t}
              className={cx(
                "cursor-pointer rounded-md px-3 py-1 font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500",
                bg.type === t ? "bg-white shadow-sm dark:bg-slate-950" : "text-slate-600 dark:text-slate-400",
              )}
            >
              <input
                type="radio"
                name="bg-type"
                className="sr-only"
                checked={bg.type === t}
                onChange={() => set({ background: t === "color" ? { type: "color", value: solid } : { type: "gradient", colors: gradient } })}
              />
              {t === "color" ? "Solid colour" : "Gradient"}
            </label>
          ))}
        </div>
        {bg.type === "color" ? (
          <ColorInput id="bg-color" label="Background colour" value={bg.value} onChange={(v) => set({ background: { type: "color", value: v } })} />
        ) : (
          <div className="grid grid-cols-2 gap-3">
            <ColorInput id="bg-from" label="Gradient start" value={bg.colors[0]} onChange={(v) => set({ background: { type: "gradient", colors: [v, bg.colors[1]] } })} />
            <ColorInput id="bg-to" label="Gradient end" value={bg.colors[1]} onChange={(v) => set({ background: { type: "gradient", colors: [bg.colors[0], v] } })} />
          </div>
        )}
        {errors.background ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.background}</p> : null}
      </Section>

      <div className="space-y-1.5">
        <label htmlFor="provider-pref" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Provider
        </label>
        <select id="provider-pref" className={inputClass} value={values.providerPreference} onChange={(e) => set({ providerPreference: e.target.value })}>
          <option value="auto">Automatic — failover in your priority order</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id} disabled={!p.available}>
              {p.name} first{p.available ? "" : " (not configured)"}
            </option>
          ))}
        </select>
        {errors.providerPreference ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">{errors.providerPreference}</p>
        ) : (
          <p className="text-xs text-slate-600 dark:text-slate-400">Other providers still take over if the first one fails.</p>
        )}
      </div>
    </div>
  );
}

function ColorInput({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600 dark:text-slate-400">
        {label}
      </label>
      <div className="flex items-center gap-2 rounded-lg px-2 py-1.5 ring-1 ring-slate-300 dark:ring-slate-700">
        <input id={id} type="color" value={value} onChange={(e) => onChange(e.target.value)} className="h-7 w-9 cursor-pointer rounded border-0 bg-transparent p-0" />
        <span className="font-mono text-xs uppercase text-slate-600 dark:text-slate-300">{value}</span>
      </div>
    </div>
  );
}
