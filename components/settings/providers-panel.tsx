"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Field, Input, cx, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import type { PublicProviderSettings } from "@/lib/providers/workspace";
import type { CostModel } from "@/lib/providers/types";
import { HEALTH_LABEL, NO_KEY_LABEL, PROVIDER_BLURB, PROVIDER_KEY_FIELDS, PROVIDER_MODEL_OPTIONS, ROLE_LABEL, type ProviderForm } from "@/lib/settings/provider-fields";
import { checkProviderAction, importHeygenCatalogAction, setProviderModelAction } from "@/app/(app)/settings/providers/actions";
import { clearProviderKeysAction, reorderProvidersAction, saveProviderAction, setProviderEnabledAction } from "@/app/(app)/settings/actions";
import { FormError, RoleNotice, Switch, getJson } from "./ui";

type Defaults = Record<string, CostModel>;
const KEY = ["settings", "providers"];

export function ProvidersPanel({ initial, defaults, canEdit }: { initial: PublicProviderSettings[]; defaults: Defaults; canEdit: boolean }) {
  const qc = useQueryClient();
  const toast = useToast();
  const { data } = useQuery({
    queryKey: KEY,
    queryFn: async () => (await getJson<{ providers: PublicProviderSettings[] }>("/api/v1/providers")).providers,
    initialData: initial,
  });
  const providers = [...data].sort((a, b) => a.priority - b.priority);
  const [moving, setMoving] = useState(false);

  async function move(index: number, delta: -1 | 1) {
    const order = providers.map((p) => p.provider);
    const j = index + delta;
    [order[index], order[j]] = [order[j], order[index]];
    setMoving(true);
    const r = await reorderProvidersAction(order);
    setMoving(false);
    if (r.ok) {
      qc.setQueryData(KEY, r.data);
      toast("Failover order saved.", "success");
    } else toast(Object.values(r.errors)[0] ?? "Could not reorder.", "error");
  }

  return (
    <div>
      <RoleNotice canEdit={canEdit} />
      <div className="mb-6 rounded-2xl bg-brand-50/70 p-4 text-sm text-brand-900 ring-1 ring-brand-100 dark:bg-brand-500/10 dark:text-brand-200 dark:ring-brand-500/20">
        <p className="font-medium">Failover order</p>
        <ol className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1">
          {providers.map((p, i) => (
            <li key={p.provider} className="flex items-center gap-2">
              <span className={cx("rounded-md px-2 py-0.5 text-xs font-semibold", p.enabled ? "bg-white text-brand-800 shadow-sm dark:bg-slate-900 dark:text-brand-200" : "text-brand-900/80 line-through dark:text-brand-200/80")}>
                {i + 1}. {p.displayName}
              </span>
              {i < providers.length - 1 ? <span aria-hidden className="text-brand-600 dark:text-brand-300">→</span> : null}
            </li>
          ))}
        </ol>
        <p className="mt-2 text-xs text-brand-800/80 dark:text-brand-300/80">Each video tries enabled providers top to bottom; a provider that keeps failing is paused for a while and probed before it is used again.</p>
      </div>
      <div className="space-y-6">
        {providers.map((p, i) => (
          <ProviderCard
            key={`${p.provider}:${p.priority}`}
            p={p}
            position={i}
            count={providers.length}
            defaults={defaults[p.provider]}
            canEdit={canEdit}
            moving={moving}
            onMove={(d) => move(i, d)}
            onSaved={(next) => qc.setQueryData<PublicProviderSettings[]>(KEY, (old) => (old ?? []).map((x) => (x.provider === next.provider ? next : x)))}
          />
        ))}
      </div>
    </div>
  );
}

function overrideValue(p: PublicProviderSettings, d: CostModel | undefined, k: keyof CostModel): string {
  if (!d || p.costModel[k] === d[k]) return "";
  return String(p.costModel[k]);
}

function formFrom(p: PublicProviderSettings, d: CostModel | undefined): ProviderForm {
  return {
    priority: String(p.priority),
    apiKey: "",
    accessKey: "",
    secretKey: "",
    apiVersion: p.apiVersion ?? "",
    baseUrl: p.baseUrl ?? "",
    rateLimitPerMinute: p.rateLimitPerMinute == null ? "" : String(p.rateLimitPerMinute),
    concurrency: p.concurrency == null ? "" : String(p.concurrency),
    centsPerUnit: overrideValue(p, d, "centsPerUnit"),
    unitName: overrideValue(p, d, "unitName"),
    unitsPerSecond: overrideValue(p, d, "unitsPerSecond"),
    minUnits: overrideValue(p, d, "minUnits"),
  };
}

function describeCost(m: CostModel): string {
  const rate = m.unitsPerSecond >= 1 || m.unitsPerSecond === 0 ? `${+m.unitsPerSecond.toFixed(4)} ${m.unitName}/s` : `1 ${m.unitName} per ${+(1 / m.unitsPerSecond).toFixed(2)} s`;
  return `${m.centsPerUnit}¢ per ${m.unitName} · ${rate} · min ${m.minUnits}`;
}

function ProviderCard(props: {
  p: PublicProviderSettings;
  position: number;
  count: number;
  defaults: CostModel | undefined;
  canEdit: boolean;
  moving: boolean;
  onMove: (delta: -1 | 1) => void;
  onSaved: (p: PublicProviderSettings) => void;
}) {
  const { p, defaults: d, canEdit } = props;
  const toast = useToast();
  const [form, setForm] = useState<ProviderForm>(() => formFrom(p, d));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const id = (f: string) => `${p.provider}-${f}`;
  const keys = PROVIDER_KEY_FIELDS[p.provider] ?? [];
  // A provider that cannot run (no key) is never shown as "Healthy".
  const health = p.provider !== "local" && !p.configured ? NO_KEY_LABEL : (HEALTH_LABEL[p.health.state] ?? HEALTH_LABEL.closed);
  const models = PROVIDER_MODEL_OPTIONS[p.provider] ?? [];
  const set = (k: keyof ProviderForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const workspaceKey = p.credentialSource === "workspace";

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    setErrors({});
    const addsKey = keys.some((k) => (form[k.field] ?? "").trim() !== "");
    const r = await saveProviderAction(p.provider, { ...form, ...(addsKey && !p.configured ? { enabled: true } : {}) });
    setSaving(false);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    // Keys are write-only: clear them from the form the moment they are saved.
    setForm(formFrom(r.data, d));
    setTest(null);
    props.onSaved(r.data);
    toast(`${p.displayName} settings saved.`, "success");
  }

  async function toggle(enabled: boolean) {
    const r = await setProviderEnabledAction(p.provider, enabled);
    if (r.ok) {
      props.onSaved(r.data);
      toast(`${p.displayName} ${r.data.enabled ? "enabled" : "disabled"}.`, "success");
    } else toast(Object.values(r.errors)[0] ?? "Could not change it.", "error");
  }

  async function clearKeys() {
    const r = await clearProviderKeysAction(p.provider);
    if (r.ok) {
      props.onSaved(r.data);
      toast(`Saved ${p.displayName} key removed.`, "success");
    } else toast(Object.values(r.errors)[0] ?? "Could not remove the key.", "error");
  }

  /** Checks the key pasted in the form (not saved yet) or else the saved one: auth, balance, model, price. */
  async function runTest() {
    setTesting(true);
    setTest(null);
    try {
      const pasted = (form.apiKey ?? "").trim();
      const r = await checkProviderAction(p.provider, pasted ? { apiKey: pasted } : {});
      setTest(r.ok ? { ok: r.data.ok, message: r.data.message } : { ok: false, message: Object.values(r.errors)[0] ?? "The check could not run." });
    } catch {
      setTest({ ok: false, message: "Could not reach the studio server. Check your connection and try again." });
    } finally {
      setTesting(false);
    }
  }

  /** Imports (or refreshes) the account's presenters and voices into the carousel. */
  async function importCatalog() {
    const r = await importHeygenCatalogAction();
    if (r.ok) toast(`Imported ${r.data.imported} HeyGen presenters${r.data.hidden ? `; ${r.data.hidden} no longer in the account were hidden` : ""}.`, "success");
    else toast(Object.values(r.errors)[0] ?? "Could not import the presenters.", "error");
  }

  async function pickModel(e: React.ChangeEvent<HTMLSelectElement>) {
    const r = await setProviderModelAction(p.provider, e.target.value || null);
    if (r.ok) {
      props.onSaved(r.data);
      setTest(null);
      toast(`${p.displayName} will use ${r.data.model ?? "its default model"}.`, "success");
    } else toast(Object.values(r.errors)[0] ?? "Could not change the model.", "error");
  }

  return (
    <section aria-labelledby={id("title")} className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800">
        <header className="flex flex-col gap-4 border-b border-slate-100 p-5 sm:flex-row sm:items-start sm:justify-between sm:p-6 dark:border-slate-800">
          <div className="flex min-w-0 gap-4">
            <div role="group" className="flex flex-col gap-1" aria-label={`Reorder ${p.displayName}`}>
              <button type="button" aria-label={`Move ${p.displayName} up`} disabled={!canEdit || props.moving || props.position === 0} onClick={() => props.onMove(-1)} className="rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-30 dark:hover:bg-slate-800 dark:hover:text-slate-200 dark:text-slate-400">
                <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor"><path d="M10 5l5 6H5l5-6z" /></svg>
              </button>
              <span className="text-center text-xs font-semibold text-slate-600 dark:text-slate-400">{props.position + 1}</span>
              <button type="button" aria-label={`Move ${p.displayName} down`} disabled={!canEdit || props.moving || props.position === props.count - 1} onClick={() => props.onMove(1)} className="rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:opacity-30 dark:hover:bg-slate-800 dark:hover:text-slate-200 dark:text-slate-400">
                <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor"><path d="M10 15l-5-6h10l-5 6z" /></svg>
              </button>
            </div>
            <div className="min-w-0">
              <div className="flex flex-wrap items-center gap-2">
                <h2 id={id("title")} className="text-base font-semibold">{p.provider === "local" ? "Local studio" : p.displayName}</h2>
                <Badge tone={health.tone}>{health.label}</Badge>
                {p.health.consecutiveFailures > 0 ? <Badge tone="slate">{p.health.consecutiveFailures} failures in a row</Badge> : null}
                {p.provider === "local" ? (
                  <Badge tone="brand">Built in</Badge>
                ) : workspaceKey ? (
                  <Badge tone="green">Key saved {p.keyHint ?? ""}</Badge>
                ) : p.configured ? (
                  <Badge tone="blue">{p.credentialSource === "env" ? "Server key" : "Config file key"}</Badge>
                ) : (
                  <Badge tone="slate">No key</Badge>
                )}
              </div>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{PROVIDER_BLURB[p.provider]}</p>
              <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Delivers: {p.capabilities.roles.map((r) => ROLE_LABEL[r] ?? r).join(" · ")}</p>
              {p.credentialError ? <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">{p.credentialError}</p> : null}
            </div>
          </div>
          <div className="flex items-center gap-3 self-start">
            <span className="text-sm text-slate-600 dark:text-slate-400">{p.enabled ? "Enabled" : p.configured ? "Disabled" : "Add a key to enable"}</span>
            <Switch checked={p.enabled} label={`Enable ${p.displayName}`} disabled={!canEdit || !p.configured} onChange={toggle} />
          </div>
        </header>

        <form onSubmit={save} noValidate className="space-y-6 p-5 sm:p-6">
          {keys.length ? (
            <fieldset>
              <legend className="mb-3 text-sm font-semibold">Credentials</legend>
              <div className="grid gap-4 sm:grid-cols-2">
                {keys.map((k) => (
                  <Field
                    key={k.field}
                    id={id(k.field)}
                    label={k.label}
                    error={errors[k.field]}
                    hint={workspaceKey ? `Saved (${p.keyHint}). Leave empty to keep it; paste a new one to replace it.` : p.credentialSource === "env" ? "Using the server's key. Paste one to use your own." : "Stored encrypted; never shown again after saving."}
                  >
                    <Input
                      id={id(k.field)}
                      type="password"
                      autoComplete="new-password"
                      spellCheck={false}
                      disabled={!canEdit}
                      invalid={!!errors[k.field]}
                      placeholder={workspaceKey ? "••••••••  (saved)" : k.placeholder}
                      value={form[k.field] ?? ""}
                      onChange={set(k.field)}
                    />
                  </Field>
                ))}
                {models.length ? (
                  <Field id={id("model")} label="Model" hint={`Saved as soon as you pick it; the estimate follows it. Prices: ${models.map((m) => `${m.id} ${m.price}`).join("; ")}.`}>
                    <select id={id("model")} className={inputClass} disabled={!canEdit} value={p.model ?? ""} onChange={pickModel}>
                      <option value="">Default ({models[0].id})</option>
                      {models.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.label}
                        </option>
                      ))}
                    </select>
                  </Field>
                ) : null}
              </div>
            </fieldset>
          ) : null}

          <fieldset>
            <legend className="mb-3 text-sm font-semibold">Limits</legend>
            <div className="grid gap-4 sm:grid-cols-3">
              <Field id={id("priority")} label="Priority" error={errors.priority} hint="Lower runs first.">
                <Input id={id("priority")} inputMode="numeric" disabled={!canEdit} invalid={!!errors.priority} value={form.priority} onChange={set("priority")} />
              </Field>
              <Field id={id("rateLimitPerMinute")} label="Rate limit per minute" error={errors.rateLimitPerMinute} hint="Empty = provider default.">
                <Input id={id("rateLimitPerMinute")} inputMode="numeric" placeholder="No limit" disabled={!canEdit} invalid={!!errors.rateLimitPerMinute} value={form.rateLimitPerMinute} onChange={set("rateLimitPerMinute")} />
              </Field>
              <Field id={id("concurrency")} label="Concurrency" error={errors.concurrency} hint="Jobs running at once.">
                <Input id={id("concurrency")} inputMode="numeric" placeholder="No limit" disabled={!canEdit} invalid={!!errors.concurrency} value={form.concurrency} onChange={set("concurrency")} />
              </Field>
            </div>
          </fieldset>

          <details className="group rounded-xl bg-slate-50 ring-1 ring-slate-200/70 dark:bg-slate-950/40 dark:ring-slate-800" open={Object.keys(errors).some((k) => ["centsPerUnit", "unitName", "unitsPerSecond", "minUnits", "baseUrl"].includes(k))}>
            <summary className="cursor-pointer select-none px-4 py-3 text-sm font-medium text-slate-700 dark:text-slate-300">
              Advanced: cost model{p.provider === "local" ? "" : " and base URL"}
            </summary>
            <div className="space-y-4 px-4 pb-4">
              {d ? <p className="text-xs text-slate-600 dark:text-slate-400">Default: {describeCost(d)}. Leave a field empty to use its default.</p> : null}
              <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
                <Field id={id("centsPerUnit")} label="Cents per unit" error={errors.centsPerUnit}>
                  <Input id={id("centsPerUnit")} inputMode="numeric" placeholder={d ? String(d.centsPerUnit) : ""} disabled={!canEdit} invalid={!!errors.centsPerUnit} value={form.centsPerUnit} onChange={set("centsPerUnit")} />
                </Field>
                <Field id={id("unitName")} label="Unit name" error={errors.unitName}>
                  <Input id={id("unitName")} placeholder={d?.unitName ?? ""} disabled={!canEdit} invalid={!!errors.unitName} value={form.unitName} onChange={set("unitName")} />
                </Field>
                <Field id={id("unitsPerSecond")} label="Units per second" error={errors.unitsPerSecond}>
                  <Input id={id("unitsPerSecond")} inputMode="decimal" placeholder={d ? String(+d.unitsPerSecond.toFixed(4)) : ""} disabled={!canEdit} invalid={!!errors.unitsPerSecond} value={form.unitsPerSecond} onChange={set("unitsPerSecond")} />
                </Field>
                <Field id={id("minUnits")} label="Minimum units" error={errors.minUnits}>
                  <Input id={id("minUnits")} inputMode="numeric" placeholder={d ? String(d.minUnits) : ""} disabled={!canEdit} invalid={!!errors.minUnits} value={form.minUnits} onChange={set("minUnits")} />
                </Field>
              </div>
              {p.provider !== "local" ? (
                <Field id={id("baseUrl")} label="Base URL" error={errors.baseUrl} hint="Only for a proxy or a self-hosted gateway. Empty = the provider's public API.">
                  <Input id={id("baseUrl")} type="url" placeholder="https://…" disabled={!canEdit} invalid={!!errors.baseUrl} value={form.baseUrl} onChange={set("baseUrl")} />
                </Field>
              ) : null}
            </div>
          </details>

          <FormError message={errors.form} />
          {test ? (
            <p role="status" className={cx("rounded-lg px-3 py-2 text-sm", test.ok ? "bg-emerald-50 text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-300" : "bg-red-50 text-red-700 dark:bg-red-500/10 dark:text-red-300")}>
              <span className="font-semibold">{test.ok ? "Connected. " : "Connection failed. "}</span>
              {test.message}
              {test.ok ? null : <span className="mt-1 block text-xs opacity-80">Check the key, the model{p.provider === "local" ? "" : " and, under Advanced, the base URL"}, then check again.</span>}
            </p>
          ) : null}

          <div className="flex flex-col-reverse gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div className="flex flex-wrap gap-2">
              <Button type="button" variant="secondary" onClick={runTest} disabled={testing}>
                {testing ? "Checking…" : (form.apiKey ?? "").trim() ? "Check pasted key" : "Check"}
              </Button>
              {p.provider === "heygen" && p.configured && canEdit ? (
                <Button type="button" variant="secondary" onClick={importCatalog}>
                  Import presenters
                </Button>
              ) : null}
              {workspaceKey && canEdit ? (
                <Button type="button" variant="ghost" className="text-red-600 dark:text-red-400" onClick={clearKeys}>
                  Remove saved key
                </Button>
              ) : null}
            </div>
            <Button type="submit" disabled={!canEdit || saving}>
              {saving ? "Saving…" : `Save ${p.provider === "local" ? "local studio" : p.displayName}`}
            </Button>
          </div>
        </form>
    </section>
  );
}
