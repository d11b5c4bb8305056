"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, Field, Input } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { createWebhookAction, deleteWebhookAction, sendTestWebhookAction } from "@/app/(app)/settings/actions";
import { FormError, OneTimeSecret, RoleNotice, SectionTitle, When, getJson } from "./ui";

const EVENTS = [
  { id: "video.completed", hint: "A video finished and its MP4 is ready." },
  { id: "video.failed", hint: "Every provider failed or timed out." },
  { id: "budget.alert", hint: "Spend reached 75 % or 90 % of a cap." },
] as const;

export interface EndpointRow { id: string; url: string; events: string[]; active: boolean; createdAt: string | Date }
export interface DeliveryRow { id: string; endpointId: string; event: string; status: string; attempts: number; lastStatusCode: number | null; lastError: string | null; createdAt: string | Date; deliveredAt: string | Date | null }

const EP_KEY = ["settings", "webhooks"];
const DL_KEY = ["settings", "webhook-deliveries"];

export function WebhooksPanel({ initialEndpoints, initialDeliveries, canEdit }: { initialEndpoints: EndpointRow[]; initialDeliveries: DeliveryRow[]; canEdit: boolean }) {
  const qc = useQueryClient();
  const toast = useToast();
  const { data: endpoints } = useQuery({ queryKey: EP_KEY, queryFn: async () => (await getJson<{ endpoints: EndpointRow[] }>("/api/v1/webhooks")).endpoints, initialData: initialEndpoints });
  const { data: deliveries } = useQuery({
    queryKey: DL_KEY,
    queryFn: async () => (await getJson<{ deliveries: DeliveryRow[] }>("/api/v1/webhook-deliveries")).deliveries,
    initialData: initialDeliveries,
    refetchInterval: 15_000,
  });
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(EVENTS.map((e) => e.id));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function add(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    const r = await createWebhookAction({ url, events });
    setPending(false);
    if (!r.ok) {
      setErrors(r.errors);
      return;
    }
    setSecret({ url: r.data.url, secret: r.data.secret });
    setUrl("");
    const { secret: _s, ...row } = r.data;
    qc.setQueryData<EndpointRow[]>(EP_KEY, (old) => [row, ...(old ?? [])]);
    toast("Webhook endpoint added.", "success");
  }

  async function remove(id: string) {
    setConfirming(null);
    const r = await deleteWebhookAction(id);
    if (!r.ok) return toast(Object.values(r.errors)[0] ?? "Could not delete the endpoint.", "error");
    qc.setQueryData<EndpointRow[]>(EP_KEY, (old) => (old ?? []).filter((x) => x.id !== id));
    void qc.invalidateQueries({ queryKey: DL_KEY });
    toast("Webhook endpoint deleted.", "success");
  }

  const [testing, setTesting] = useState<string | null>(null);
  /** One signed `test` event through the normal delivery path; the result also lands in the log. */
  async function sendTest(id: string) {
    setTesting(id);
    const r = await sendTestWebhookAction(id);
    setTesting(null);
    void qc.invalidateQueries({ queryKey: DL_KEY });
    if (!r.ok) return toast(Object.values(r.errors)[0] ?? "Could not send the test event.", "error");
    const d = r.data;
    if (d.status === "delivered") toast(`Test event delivered: your endpoint answered HTTP ${d.statusCode}.`, "success");
    else toast(`Test event not delivered: ${d.error ?? "unknown error"}`, "error");
  }

  const urlOf = (id: string) => endpoints.find((e) => e.id === id)?.url ?? "deleted endpoint";

  return (
    <div className="space-y-6">
      <RoleNotice canEdit={canEdit} />
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <SectionTitle title="Add an endpoint" description="We POST a JSON event to your URL, signed with a secret only you and we know. Failed deliveries are retried with backoff." />
          <form onSubmit={add} noValidate className="space-y-5">
            <Field id="webhook-url" label="Endpoint URL" error={errors.url}>
              <Input id="webhook-url" type="url" placeholder="https://example.com/hooks/avatar-studio" disabled={!canEdit} invalid={!!errors.url} value={url} onChange={(e) => setUrl(e.target.value)} />
            </Field>
            <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
              <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Events</legend>
              <div className="grid gap-2 sm:grid-cols-3">
                {EVENTS.map((ev) => (
                  <label key={ev.id} className="flex cursor-pointer gap-3 rounded-xl p-3 ring-1 ring-slate-200 has-[:checked]:bg-brand-50 has-[:checked]:ring-brand-300 dark:ring-slate-700 dark:has-[:checked]:bg-brand-500/10 dark:has-[:checked]:ring-brand-500/40">
                    <input
                      type="checkbox"
                      className="mt-0.5 h-4 w-4 accent-brand-600"
                      disabled={!canEdit}
                      checked={events.includes(ev.id)}
                      onChange={(e) => setEvents((s) => (e.target.checked ? [...s, ev.id] : s.filter((x) => x !== ev.id)))}
                    />
                    <span>
                      <span className="block font-mono text-xs font-semibold">{ev.id}</span>
                      <span className="block text-xs text-slate-600 dark:text-slate-400">{ev.hint}</span>
                    </span>
                  </label>
                ))}
              </div>
              {errors.events ? <p id="webhook-events-error" role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">{errors.events}</p> : null}
            </fieldset>
            <FormError message={errors.form} />
            <div className="flex justify-end">
              <Button type="submit" disabled={!canEdit || pending}>{pending ? "Adding…" : "Add endpoint"}</Button>
            </div>
          </form>
          {secret ? (
            <div className="mt-5">
              <OneTimeSecret
                title="Signing secret"
                value={secret.secret}
                note={`For ${secret.url}. Copy it now and store it with your receiver: it will not be shown again.`}
                onDone={() => setSecret(null)}
              />
            </div>
          ) : null}
        </Card>
        <Card className="lg:col-span-2">
          <SectionTitle title="Verifying a delivery" />
          <div className="space-y-3 text-sm text-slate-600 dark:text-slate-300">
            <p>
              Every request carries <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">X-AVS-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</code>, where <span className="font-mono text-xs">v1</span> is the hex HMAC-SHA256 of{" "}
              <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">&quot;&lt;t&gt;.&lt;raw body&gt;&quot;</code> keyed with your secret.
            </p>
            <p>Compute it over the raw bytes (before JSON parsing), compare in constant time, and refuse timestamps older than five minutes.</p>
            <p>
              Video events carry absolute media URLs (<span className="font-mono text-xs">urls.video</span>, <span className="font-mono text-xs">urls.download</span>,{" "}
              <span className="font-mono text-xs">urls.thumbnail</span>, <span className="font-mono text-xs">urls.renditions</span>) that are signed and work without an API key for 7 days.
            </p>
            <pre className="overflow-x-auto whitespace-pre-wrap break-words rounded-xl bg-slate-950 p-3 font-mono text-[11px] leading-relaxed text-slate-100 ring-1 ring-slate-800">{`const [t, v1] = header.split(",").map(p => p.split("=")[1]);
const mac = crypto.createHmac("sha256", secret)
  .update(\`\${t}.\${rawBody}\`).digest("hex");
const ok = crypto.timingSafeEqual(
  Buffer.from(mac, "hex"), Buffer.from(v1, "hex"))
  && Date.now() / 1000 - Number(t) < 300;`}</pre>
          </div>
        </Card>
      </div>

      <Card>
        <SectionTitle title="Endpoints" />
        {endpoints.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">No endpoints yet. Add one above to hear about finished videos and budget alerts.</p>
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {endpoints.map((ep) => (
              <li key={ep.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="truncate font-mono text-sm">{ep.url}</p>
                  <div className="mt-1 flex flex-wrap items-center gap-1.5">
                    {ep.events.map((e) => <Badge key={e} tone="brand">{e}</Badge>)}
                    <span className="text-xs text-slate-600 dark:text-slate-400">· added <When at={ep.createdAt} /></span>
                  </div>
                </div>
                {confirming === ep.id ? (
                  <div className="flex items-center gap-2">
                    <span className="text-sm text-slate-600 dark:text-slate-300">Delete this endpoint?</span>
                    <Button size="sm" variant="danger" onClick={() => remove(ep.id)}>Delete</Button>
                    <Button size="sm" variant="ghost" onClick={() => setConfirming(null)}>Keep</Button>
                  </div>
                ) : (
                  <div className="flex items-center gap-2">
                    <Button size="sm" variant="secondary" disabled={!canEdit || testing === ep.id} aria-label={`Send test event to ${ep.url}`} onClick={() => sendTest(ep.id)}>
                      {testing === ep.id ? "Sending…" : "Send test event"}
                    </Button>
                    <Button size="sm" variant="secondary" disabled={!canEdit} aria-label={`Delete endpoint ${ep.url}`} onClick={() => setConfirming(ep.id)}>Delete</Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card>
        <SectionTitle title="Delivery log" description="The last 50 deliveries, newest first. Refreshes every 15 seconds." />
        {deliveries.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">Nothing delivered yet. Deliveries appear here when a subscribed event happens.</p>
        ) : (
          <div className="-mx-6 overflow-x-auto px-6">
            <table className="w-full min-w-[640px] text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Event</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Attempts</th>
                  <th scope="col" className="py-2 pr-4 font-medium">HTTP</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Error</th>
                  <th scope="col" className="py-2 font-medium">Time</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td className="py-2.5 pr-4">
                      <span className="font-mono text-xs font-semibold">{d.event}</span>
                      <span className="block max-w-[14rem] truncate text-xs text-slate-600 dark:text-slate-400">{urlOf(d.endpointId)}</span>
                    </td>
                    <td className="py-2.5 pr-4"><Badge tone={d.status === "delivered" ? "green" : d.status === "failed" ? "red" : "amber"}>{d.status === "pending" ? "retrying" : d.status}</Badge></td>
                    <td className="py-2.5 pr-4 tabular-nums">{d.attempts}</td>
                    <td className="py-2.5 pr-4 tabular-nums">{d.lastStatusCode ?? "—"}</td>
                    <td className="max-w-[16rem] truncate py-2.5 pr-4 text-slate-600 dark:text-slate-400" title={d.lastError ?? undefined}>{d.lastError ?? "—"}</td>
                    <td className="py-2.5 text-slate-600 dark:text-slate-400"><When at={d.deliveredAt ?? d.createdAt} /></td>
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
