"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Badge, Button, Card, Field, Input, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import type { WorkspaceSettings } from "@/lib/settings/workspace";
import { updateWorkspaceAction } from "@/app/(app)/settings/actions";
import { FormError, RoleNotice, SectionTitle } from "./ui";

export function WorkspaceForm({ initial, zones, canEdit }: { initial: WorkspaceSettings; zones: string[]; canEdit: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const [form, setForm] = useState({ name: initial.name, timezone: initial.timezone, retentionDays: String(initial.retentionDays) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    const r = await updateWorkspaceAction(form);
    setPending(false);
    if (!r.ok) return setErrors(r.errors);
    setForm({ name: r.data.name, timezone: r.data.timezone, retentionDays: String(r.data.retentionDays) });
    toast("Workspace settings saved.", "success");
    router.refresh();
  }

  return (
    <div className="max-w-3xl space-y-6">
      <RoleNotice canEdit={canEdit} />
      <Card>
        <SectionTitle
          title="Workspace"
          description="Budgets reset and campaigns run on this workspace's clock."
          action={<span className="flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">Plan <Badge tone={initial.plan === "free" ? "slate" : "brand"}>{initial.plan}</Badge></span>}
        />
        <form onSubmit={save} noValidate className="space-y-5">
          <Field id="ws-name" label="Workspace name" error={errors.name}>
            <Input id="ws-name" maxLength={80} disabled={!canEdit} invalid={!!errors.name} value={form.name} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} />
          </Field>
          <div className="grid gap-5 sm:grid-cols-2">
            <Field id="ws-timezone" label="Time zone" error={errors.timezone} hint="Daily budgets reset at midnight here.">
              <select id="ws-timezone" className={inputClass} disabled={!canEdit} value={form.timezone} onChange={(e) => setForm((f) => ({ ...f, timezone: e.target.value }))}>
                {zones.map((z) => (
                  <option key={z} value={z}>{z.replaceAll("_", " ")}</option>
                ))}
              </select>
            </Field>
            <Field id="ws-retention" label="Keep media for (days)" error={errors.retentionDays} hint="Older videos' files are deleted by the weekly cleanup.">
              <Input id="ws-retention" inputMode="numeric" disabled={!canEdit} invalid={!!errors.retentionDays} value={form.retentionDays} onChange={(e) => setForm((f) => ({ ...f, retentionDays: e.target.value }))} />
            </Field>
          </div>
          <FormError message={errors.form} />
          <div className="flex justify-end">
            <Button type="submit" disabled={!canEdit || pending}>{pending ? "Saving…" : "Save workspace"}</Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
