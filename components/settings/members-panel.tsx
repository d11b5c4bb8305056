"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, Field, Input, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { FormError, RoleNotice, SectionTitle, When, getJson } from "./ui";

export interface MemberRow { userId: string; name: string; email: string; role: string; joinedAt: string | Date }
export interface InviteRow { id: string; email: string; role: string; createdAt: string | Date }
interface Members { members: MemberRow[]; invites: InviteRow[] }
const KEY = ["settings", "members"];

export function MembersPanel({ initial, canEdit, currentUserId }: { initial: Members; canEdit: boolean; currentUserId: string }) {
  const qc = useQueryClient();
  const toast = useToast();
  const { data } = useQuery({ queryKey: KEY, queryFn: () => getJson<Members>("/api/v1/members"), initialData: initial });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const res = await fetch("/api/v1/members", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, role }) });
      const j = await res.json().catch(() => null);
      if (!res.ok) {
        const issues: { path: string; message: string }[] = j?.error?.issues ?? [];
        const next: Record<string, string> = {};
        for (const i of issues) next[i.path === "role" ? "role" : i.path === "email" ? "email" : "form"] ??= i.message;
        if (!issues.length) next.form = j?.error?.message ?? `Could not invite (HTTP ${res.status}).`;
        setErrors(next);
        return;
      }
      setEmail("");
      toast(j.status === "added" ? `${j.email} already had an account and is now a ${j.role}.` : `Invitation saved: ${j.email} joins as ${j.role} when they sign up.`, "success");
      await qc.invalidateQueries({ queryKey: KEY });
    } catch {
      setErrors({ form: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="space-y-6">
      <RoleNotice canEdit={canEdit} />
      <Card>
        <SectionTitle title="Invite someone" description="People with an account are added at once; others join this workspace when they sign up with this email." />
        <form onSubmit={invite} noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <Field id="invite-email" label="Email" error={errors.email}>
            <Input id="invite-email" type="email" autoComplete="off" placeholder="teammate@company.com" disabled={!canEdit} invalid={!!errors.email} value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field id="invite-role" label="Role" error={errors.role} hint="Admins can also change settings.">
            <select id="invite-role" className={inputClass} disabled={!canEdit} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="member">Member</option>
              <option value="admin">Admin</option>
            </select>
          </Field>
          <Button type="submit" className="sm:mt-7" disabled={!canEdit || pending}>{pending ? "Inviting…" : "Send invite"}</Button>
        </form>
        <div className="mt-3"><FormError message={errors.form} /></div>
      </Card>
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <SectionTitle title={`Members (${data.members.length})`} />
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.members.map((m) => (
              <li key={m.userId} className="flex items-center gap-3 py-3">
                <span aria-hidden className="brand-gradient flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold text-white">{m.name.slice(0, 1).toUpperCase()}</span>
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{m.name}{m.userId === currentUserId ? <span className="font-normal text-slate-500"> (you)</span> : null}</p>
                  <p className="truncate text-xs text-slate-500 dark:text-slate-400">{m.email}</p>
                </div>
                <div className="flex flex-col items-end gap-1">
                  <Badge tone={m.role === "owner" ? "brand" : m.role === "admin" ? "blue" : "slate"}>{m.role}</Badge>
                  <span className="hidden text-xs text-slate-400 sm:block">joined <When at={m.joinedAt} /></span>
                </div>
              </li>
            ))}
          </ul>
        </Card>
        <Card className="lg:col-span-2">
          <SectionTitle title="Pending invites" />
          {data.invites.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">No pending invites.</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.invites.map((i) => (
                <li key={i.id} className="flex items-center justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium">{i.email}</p>
                    <p className="text-xs text-slate-500 dark:text-slate-400">invited <When at={i.createdAt} /></p>
                  </div>
                  <Badge tone="amber">{i.role}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
