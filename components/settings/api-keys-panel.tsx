"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, Field, Input } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(app)/settings/actions";
import { CopyButton, FormError, OneTimeSecret, RoleNotice, SectionTitle, When, getJson } from "./ui";

export interface ApiKeyRow { id: string; name: string; prefix: string; lastUsedAt: string | Date | null; revokedAt: string | Date | null; createdAt: string | Date }
const KEY = ["settings", "api-keys"];

export function ApiKeysPanel({ initial, canEdit, origin }: { initial: ApiKeyRow[]; canEdit: boolean; origin: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const { data: keys } = useQuery({ queryKey: KEY, queryFn: async () => (await getJson<{ keys: ApiKeyRow[] }>("/api/v1/api-keys")).keys, initialData: initial });
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const example = `curl -H "Authorization: Bearer <key>" ${origin}/api/v1/videos`;

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    const r = await createApiKeyAction(name);
    setPending(false);
    if (!r.ok) return setErrors(r.errors);
    const { key, ...row } = r.data;
    setCreated({ name: row.name, key });
    setName("");
    qc.setQueryData<ApiKeyRow[]>(KEY, (old) => [{ ...row, lastUsedAt: null, revokedAt: null }, ...(old ?? [])]);
    toast("API key created.", "success");
  }

  async function revoke(id: string) {
    setConfirming(null);
    const r = await revokeApiKeyAction(id);
    if (!r.ok) return toast(Object.values(r.errors)[0] ?? "Could not revoke the key.", "error");
    void qc.invalidateQueries({ queryKey: KEY });
    toast("API key revoked. Requests using it now get 401.", "success");
  }

  return (
    <div className="space-y-6">
      <RoleNotice canEdit={canEdit} />
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <SectionTitle title="Create an API key" description="Keys act as you in this workspace over the REST API. We store only a hash: the key is shown once." />
          <form onSubmit={create} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-start">
            <div className="flex-1">
              <Field id="api-key-name" label="Key name" error={errors.name} hint="Where it is used, so you know what breaks if you revoke it.">
                <Input id="api-key-name" placeholder="Zapier, CI, Make.com…" maxLength={100} disabled={!canEdit} invalid={!!errors.name} value={name} onChange={(e) => setName(e.target.value)} />
              </Field>
            </div>
            <Button type="submit" className="sm:mt-7" disabled={!canEdit || pending}>{pending ? "Creating…" : "Create key"}</Button>
          </form>
          <div className="mt-3"><FormError message={errors.form} /></div>
          {created ? (
            <div className="mt-5">
              <OneTimeSecret title={`API key “${created.name}”`} value={created.key} note="Copy it now: for your safety it will not be shown again." onDone={() => setCreated(null)} />
            </div>
          ) : null}
        </Card>
        <Card className="lg:col-span-2">
          <SectionTitle title="Using a key" />
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">Send it as a bearer token on any <span className="font-mono text-xs">/api/v1</span> request:</p>
          <pre className="whitespace-pre-wrap break-all rounded-xl bg-slate-950 p-3 font-mono text-xs leading-relaxed text-slate-100 ring-1 ring-slate-800">{example}</pre>
          <div className="mt-3"><CopyButton value={example} label="Copy example" /></div>
        </Card>
      </div>
      <Card>
        <SectionTitle title="Keys" />
        {keys.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">No API keys yet.</p>
        ) : (
          <div className="-mx-6 overflow-x-auto px-6">
            <table className="w-full min-w-[560px] text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Key</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Created</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                  <th scope="col" className="py-2 text-right font-medium"><span className="sr-only">Actions</span></th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {keys.map((k) => (
                  <tr key={k.id} className={k.revokedAt ? "opacity-60" : undefined}>
                    <td className="py-2.5 pr-4 font-medium">{k.name}</td>
                    <td className="py-2.5 pr-4 font-mono text-xs">{k.prefix}…</td>
                    <td className="py-2.5 pr-4 text-slate-600 dark:text-slate-400"><When at={k.createdAt} /></td>
                    <td className="py-2.5 pr-4 text-slate-600 dark:text-slate-400">{k.lastUsedAt ? <When at={k.lastUsedAt} /> : "Never"}</td>
                    <td className="py-2.5 text-right">
                      {k.revokedAt ? (
                        <Badge tone="slate">Revoked</Badge>
                      ) : confirming === k.id ? (
                        <span className="inline-flex items-center gap-2">
                          <Button size="sm" variant="danger" onClick={() => revoke(k.id)}>Revoke</Button>
                          <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>Keep</Button>
                        </span>
                      ) : (
                        <Button size="sm" variant="secondary" disabled={!canEdit} aria-label={`Revoke key ${k.name}`} onClick={() => setConfirming(k.id)}>Revoke</Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
