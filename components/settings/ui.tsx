"use client";
/** Small pieces the settings panels share: JSON fetch, copy-once secret box, switch, section header. */
import { useState } from "react";
import { Button, cx } from "@/components/ui/primitives";

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `The server answered ${res.status}. Reload the page and try again.`);
  return body as T;
}

export function SectionTitle({ title, description, action }: { title: string; description?: string; action?: React.ReactNode }) {
  return (
    <div className="mb-5 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
      <div>
        <h2 className="text-base font-semibold">{title}</h2>
        {description ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p> : null}
      </div>
      {action}
    </div>
  );
}

export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      size="sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        } catch {
          // Clipboard blocked (insecure origin): select the text so the user can copy it.
          const el = document.getElementById(`secret-${value.slice(0, 12)}`);
          if (el) window.getSelection()?.selectAllChildren(el);
        }
      }}
    >
      {copied ? "Copied" : label}
    </Button>
  );
}

/** A secret shown exactly once, with a copy button and a dismiss. */
export function OneTimeSecret({ title, value, note, onDone }: { title: string; value: string; note: string; onDone: () => void }) {
  return (
    <div role="region" aria-label={title} className="rounded-xl bg-amber-50 p-4 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:ring-amber-500/30">
      <p className="text-sm font-semibold text-amber-900 dark:text-amber-200">{title}</p>
      <p className="mt-1 text-sm text-amber-800 dark:text-amber-300/90">{note}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <code
          id={`secret-${value.slice(0, 12)}`}
          data-testid="one-time-secret"
          className="min-w-0 flex-1 select-all break-all rounded-lg bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-amber-200 dark:bg-slate-950 dark:text-slate-100 dark:ring-amber-500/30"
        >
          {value}
        </code>
        <div className="flex gap-2">
          <CopyButton value={value} />
          <Button type="button" variant="ghost" size="sm" onClick={onDone}>
            I saved it
          </Button>
        </div>
      </div>
    </div>
  );
}

export function Switch({ checked, onChange, label, disabled }: { checked: boolean; onChange: (v: boolean) => void; label: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={label}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cx(
        "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full transition disabled:cursor-not-allowed disabled:opacity-50",
        checked ? "bg-brand-600" : "bg-slate-300 dark:bg-slate-700",
      )}
    >
      <span className={cx("inline-block h-5 w-5 rounded-full bg-white shadow transition", checked ? "translate-x-5.5" : "translate-x-0.5")} />
    </button>
  );
}

export function formatWhen(d: string | Date | null | undefined): string {
  if (!d) return "—";
  const date = new Date(d);
  const s = Math.round((Date.now() - date.getTime()) / 1000);
  if (s < 45) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return date.toLocaleDateString("en-US", { month: "short", day: "numeric", year: date.getFullYear() === new Date().getFullYear() ? undefined : "numeric" });
}

export function FormError({ message }: { message?: string }) {
  return message ? (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-400">
      {message}
    </p>
  ) : null;
}

export function When({ at }: { at: string | Date | null | undefined }) {
  return (
    <time dateTime={at ? new Date(at).toISOString() : undefined} title={at ? new Date(at).toLocaleString() : undefined} suppressHydrationWarning>
      {formatWhen(at)}
    </time>
  );
}

export function RoleNotice({ canEdit }: { canEdit: boolean }) {
  return canEdit ? null : (
    <p className="mb-6 rounded-xl bg-slate-100 px-4 py-3 text-sm text-slate-600 dark:bg-slate-900 dark:text-slate-400">
      You can look but not change these settings: that needs the owner or admin role. Ask an owner of this workspace.
    </p>
  );
}
