"use client";
/**
 * Settings → Brand (issue 14): the workspace's brand kit (logo with its position, three colours,
 * caption font, intro/outro cards, watermark) and the AI B-roll switch. Reads and writes
 * /api/v1/brand (the same guarded route the API documents); the logo goes through the normal
 * uploads flow and its key is checked for ownership on save.
 */
import { useState } from "react";
import { Badge, Button, Card, Field, Input, cx } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { BRAND_FONTS, DEFAULT_BRAND_KIT, LOGO_POSITIONS, type BrandKit, type LogoPosition } from "@/lib/brand/types";
import { FormError, RoleNotice, SectionTitle, Switch } from "./ui";

export interface BrandPanelProps {
  initial: { kit: BrandKit | null; aiBroll: boolean };
  canEdit: boolean;
}

const FONT_LABEL: Record<(typeof BRAND_FONTS)[number], string> = { "sans-bold": "Sans bold", sans: "Sans", serif: "Serif", mono: "Monospace" };
const POSITION_LABEL: Record<LogoPosition, string> = { "top-left": "Top left", "top-right": "Top right", "bottom-left": "Bottom left", "bottom-right": "Bottom right" };
const COLOUR_FIELDS = [
  { key: "primary" as const, label: "Accent", hint: "Card accents, source chips, the active caption word." },
  { key: "background" as const, label: "Background", hint: "Behind cards and the intro and outro." },
  { key: "text" as const, label: "Text", hint: "Text on the background." },
];

/** Where the logo sits in the small preview frame. */
const CORNER: Record<LogoPosition, string> = { "top-left": "left-2 top-2", "top-right": "right-2 top-2", "bottom-left": "bottom-2 left-2", "bottom-right": "bottom-2 right-2" };

export function BrandPanel({ initial, canEdit }: BrandPanelProps) {
  const toast = useToast();
  const [kit, setKit] = useState<BrandKit>(initial.kit ?? DEFAULT_BRAND_KIT);
  const [aiBroll, setAiBroll] = useState(initial.aiBroll);
  const [logoPreview, setLogoPreview] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [logoName, setLogoName] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  function pickLogo(file: File) {
    setLogoName(file.name);
    return uploadLogo(file);
  }

  async function uploadLogo(file: File) {
    setUploading(true);
    setError(undefined);
    try {
      const fd = new FormData();
      fd.set("file", file);
      const res = await fetch("/api/v1/uploads", { method: "POST", body: fd });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(body?.error?.message ?? `The upload failed (${res.status}); try a PNG or JPEG under 10 MB.`);
      if (body.kind !== "image") throw new Error("The logo must be an image (PNG, JPEG or WebP).");
      setKit((k) => ({ ...k, logo: { key: body.key, position: k.logo?.position ?? "top-right", scale: k.logo?.scale ?? 0.18 } }));
      setLogoPreview(URL.createObjectURL(file));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setUploading(false);
    }
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    const res = await fetch("/api/v1/brand", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...kit, aiBroll }) });
    const body = await res.json().catch(() => null);
    setSaving(false);
    if (!res.ok) {
      setError(body?.error?.message ?? `Saving failed (${res.status}). Reload the page and try again.`);
      return;
    }
    setKit(body.kit);
    toast("Brand kit saved.", "success");
  }

  const card = (which: "intro" | "outro") => kit[which];
  const setCard = (which: "intro" | "outro", v: { title: string; subtitle: string } | null) => setKit((k) => ({ ...k, [which]: v }));

  return (
    <form onSubmit={save} className="space-y-6" aria-label="Brand kit">
      <SectionTitle title="Brand" description="Composed shorts made from templates that use the brand carry this logo, these colours and cards." />
      <RoleNotice canEdit={canEdit} />
      <fieldset disabled={!canEdit} className="space-y-6">
        <Card className="p-5">
          <h3 className="mb-3 text-sm font-semibold">Logo</h3>
          <div className="flex flex-col gap-5 sm:flex-row">
            <div
              data-testid="brand-preview"
              aria-label={`Preview: logo ${kit.logo ? POSITION_LABEL[kit.logo.position].toLowerCase() : "none"}`}
              className="relative h-48 w-28 shrink-0 overflow-hidden rounded-lg ring-1 ring-slate-300 dark:ring-slate-700"
              style={{ background: kit.colours.background, color: kit.colours.text }}
            >
              <div className="absolute inset-x-2 top-1/2 -translate-y-1/2 rounded p-1 text-center text-[10px] font-semibold" style={{ borderLeft: `3px solid ${kit.colours.primary}` }}>
                {kit.intro?.title || "Your short"}
              </div>
              {kit.logo ? (
                <div className={cx("absolute", CORNER[kit.logo.position])} style={{ width: `${Math.round(kit.logo.scale * 112)}px` }}>
                  {logoPreview ? (
                    // A local object URL of the file just chosen (no next/image: not a served asset).
                    <img src={logoPreview} alt="Logo" className="w-full" />
                  ) : (
                    <div className="rounded bg-white/80 px-0.5 text-center text-[8px] font-bold text-slate-900">LOGO</div>
                  )}
                </div>
              ) : null}
              {kit.watermark ? (
                <div className="absolute bottom-1 left-1/2 -translate-x-1/2 text-[8px]" style={{ opacity: kit.watermark.opacity }}>
                  {kit.watermark.text}
                </div>
              ) : null}
            </div>
            <div className="flex-1 space-y-4">
              <Field label="Logo image" id="brand-logo" hint={kit.logo ? (logoName ? `Logo: ${logoName}` : "Logo saved") : "PNG with a transparent background works best."}>
                {/* The real file input stays in the tab order (visually hidden), so Tab reaches it and
                    Space/Enter opens the picker; the drop zone is its label and shows its focus. */}
                <input
                  id="brand-logo"
                  type="file"
                  accept="image/png,image/jpeg,image/webp"
                  disabled={uploading}
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void pickLogo(f);
                    e.target.value = "";
                  }}
                  className="peer sr-only"
                />
                <label
                  htmlFor="brand-logo"
                  data-testid="brand-logo-drop"
                  onDragOver={(e) => {
                    e.preventDefault();
                    setDragging(true);
                  }}
                  onDragLeave={() => setDragging(false)}
                  onDrop={(e) => {
                    e.preventDefault();
                    setDragging(false);
                    const f = e.dataTransfer.files?.[0];
                    if (f && !uploading) void pickLogo(f);
                  }}
                  className={cx(
                    "flex cursor-pointer items-center gap-3 rounded-xl border-2 border-dashed px-4 py-3 text-sm transition",
                    "peer-focus-visible:ring-2 peer-focus-visible:ring-indigo-500 peer-focus-visible:ring-offset-2 peer-disabled:cursor-not-allowed peer-disabled:opacity-60",
                    dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40" : "border-slate-300 hover:border-slate-400 dark:border-slate-700",
                  )}
                >
                  <span className="flex h-12 w-12 shrink-0 items-center justify-center overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
                    {logoPreview ? (
                      // A local object URL of the file just chosen (no next/image: not a served asset).
                      <img src={logoPreview} alt="" className="max-h-full max-w-full object-contain" />
                    ) : (
                      <svg aria-hidden viewBox="0 0 24 24" className="h-6 w-6 text-slate-500" fill="none" stroke="currentColor" strokeWidth={1.8}>
                        <path d="M12 16V4m0 0-4 4m4-4 4 4M4 16v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" strokeLinecap="round" strokeLinejoin="round" />
                      </svg>
                    )}
                  </span>
                  <span className="min-w-0">
                    <span className="block truncate font-medium" data-testid="brand-logo-name">
                      {uploading ? `Uploading ${logoName ?? "logo"}…` : logoName ?? (kit.logo ? "Logo uploaded" : "Choose a logo")}
                    </span>
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      {kit.logo ? "Click, or drop an image here, to replace it" : "Click, or drop a PNG, JPEG or WebP here"}
                    </span>
                  </span>
                </label>
              </Field>
              {kit.logo ? (
                <>
                  <Field label="Position" id="brand-logo-position">
                    <select
                      id="brand-logo-position"
                      className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                      value={kit.logo.position}
                      onChange={(e) => setKit((k) => ({ ...k, logo: k.logo && { ...k.logo, position: e.target.value as LogoPosition } }))}
                    >
                      {LOGO_POSITIONS.map((p) => (
                        <option key={p} value={p}>
                          {POSITION_LABEL[p]}
                        </option>
                      ))}
                    </select>
                  </Field>
                  <Field label={`Size: ${Math.round(kit.logo.scale * 100)} % of the short side`} id="brand-logo-scale">
                    <input
                      id="brand-logo-scale"
                      type="range"
                      min={5}
                      max={40}
                      value={Math.round(kit.logo.scale * 100)}
                      onChange={(e) => setKit((k) => ({ ...k, logo: k.logo && { ...k.logo, scale: Number(e.target.value) / 100 } }))}
                    />
                  </Field>
                  <Button type="button" variant="secondary" onClick={() => (setKit((k) => ({ ...k, logo: null })), setLogoPreview(null), setLogoName(null))}>
                    Remove logo
                  </Button>
                </>
              ) : null}
            </div>
          </div>
        </Card>

        <Card className="p-5">
          <h3 className="mb-3 text-sm font-semibold">Colours and captions</h3>
          <div className="grid gap-4 sm:grid-cols-3">
            {COLOUR_FIELDS.map((f) => (
              <Field key={f.key} label={f.label} id={`brand-colour-${f.key}`} hint={f.hint}>
                <div className="flex items-center gap-2">
                  <input
                    type="color"
                    aria-label={`${f.label} colour picker`}
                    value={/^#[0-9a-fA-F]{6}$/.test(kit.colours[f.key]) ? kit.colours[f.key] : "#000000"}
                    onChange={(e) => setKit((k) => ({ ...k, colours: { ...k.colours, [f.key]: e.target.value } }))}
                    className="h-9 w-10 rounded"
                  />
                  <Input id={`brand-colour-${f.key}`} value={kit.colours[f.key]} onChange={(e) => setKit((k) => ({ ...k, colours: { ...k.colours, [f.key]: e.target.value.trim() } }))} />
                </div>
              </Field>
            ))}
          </div>
          <div className="mt-4 max-w-xs">
            <Field label="Caption font" id="brand-font">
              <select
                id="brand-font"
                className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
                value={kit.captionFont}
                onChange={(e) => setKit((k) => ({ ...k, captionFont: e.target.value as BrandKit["captionFont"] }))}
              >
                {BRAND_FONTS.map((f) => (
                  <option key={f} value={f}>
                    {FONT_LABEL[f]}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </Card>

        <Card className="p-5">
          <h3 className="mb-3 text-sm font-semibold">Intro, outro and watermark</h3>
          <div className="grid gap-4 sm:grid-cols-2">
            {(["intro", "outro"] as const).map((w) => (
              <div key={w} className="space-y-2">
                <LabelledSwitch
                  checked={!!card(w)}
                  onChange={(on) => setCard(w, on ? { title: w === "intro" ? "Your channel" : "Follow for more", subtitle: "" } : null)}
                  label={w === "intro" ? "Intro card" : "Outro card"}
                  hint={w === "intro" ? "Before the first scene" : "After the last scene"}
                />
                {card(w) ? (
                  <>
                    <Field label="Title" id={`brand-${w}-title`}>
                      <Input id={`brand-${w}-title`} maxLength={80} value={card(w)!.title} onChange={(e) => setCard(w, { ...card(w)!, title: e.target.value })} />
                    </Field>
                    <Field label="Subtitle" id={`brand-${w}-subtitle`}>
                      <Input id={`brand-${w}-subtitle`} maxLength={120} value={card(w)!.subtitle} onChange={(e) => setCard(w, { ...card(w)!, subtitle: e.target.value })} />
                    </Field>
                  </>
                ) : null}
              </div>
            ))}
          </div>
          <div className="mt-4 space-y-2">
            <LabelledSwitch checked={!!kit.watermark} onChange={(on) => setKit((k) => ({ ...k, watermark: on ? { text: "@yourbrand", opacity: 0.6 } : null }))} label="Watermark" hint="Small text in a corner for the whole video" />
            {kit.watermark ? (
              <div className="grid gap-4 sm:grid-cols-2">
                <Field label="Watermark text" id="brand-watermark-text">
                  <Input id="brand-watermark-text" maxLength={40} value={kit.watermark.text} onChange={(e) => setKit((k) => ({ ...k, watermark: k.watermark && { ...k.watermark, text: e.target.value } }))} />
                </Field>
                <Field label={`Opacity: ${Math.round(kit.watermark.opacity * 100)} %`} id="brand-watermark-opacity">
                  <input
                    id="brand-watermark-opacity"
                    type="range"
                    min={10}
                    max={100}
                    value={Math.round(kit.watermark.opacity * 100)}
                    onChange={(e) => setKit((k) => ({ ...k, watermark: k.watermark && { ...k.watermark, opacity: Number(e.target.value) / 100 } }))}
                  />
                </Field>
              </div>
            ) : null}
          </div>
        </Card>

        <Card className="p-5">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h3 className="text-sm font-semibold">
                AI B-roll <Badge tone={aiBroll ? "green" : "slate"}>{aiBroll ? "On" : "Off"}</Badge>
              </h3>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                B-roll scenes of a storyboard get a clip from Kling, Pika or Runway (in your provider order), estimated and held from the budget like any video. Clips are reused for the same prompt at no cost. Off: those scenes show the presenter.
              </p>
            </div>
            <Switch checked={aiBroll} onChange={setAiBroll} label="Make AI B-roll clips" />
          </div>
        </Card>
      </fieldset>
      <FormError message={error} />
      {canEdit ? (
        <Button type="submit" disabled={saving || uploading}>
          {saving ? "Saving…" : "Save brand kit"}
        </Button>
      ) : null}
    </form>
  );
}

/** A switch with its name on screen: a bare switch in a list of three reads as three mystery toggles. */
export function LabelledSwitch({ checked, onChange, label, hint }: { checked: boolean; onChange: (on: boolean) => void; label: string; hint: string }) {
  return (
    <div className="flex items-center gap-3">
      <Switch checked={checked} onChange={onChange} label={label} />
      <span className="text-sm">
        <span className="font-medium">{label}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{hint}</span>
      </span>
    </div>
  );
}
