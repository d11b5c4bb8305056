"use client";
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, Field, Input, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import {
  changeMemberRoleAction,
  inviteMemberAction,
  removeMemberAction,
  resendInviteAction,
  revokeInviteAction,
} from "@/app/(app)/settings/members/actions";
import { FormError, RoleNotice, SectionTitle, When, getJson } from "./ui";

export interface MemberRow { userId: string; name: string; email: string; role: string; joinedAt: string | Date }
export interface InviteRow { id: string; email: string; role: string; createdAt: string | Date }
interface Members { members: MemberRow[]; invites: InviteRow[] }
type Role = "owner" | "admin" | "member";
const KEY = ["settings", "members"];

export function MembersPanel({ initial, canEdit, currentUserId, currentRole }: { initial: Members; canEdit: boolean; currentUserId: string; currentRole: Role }) {
  const qc = useQueryClient();
  const toast = useToast();
  const { data } = useQuery({ queryKey: KEY, queryFn: () => getJson<Members>("/api/v1/members"), initialData: initial });
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("member");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | undefined>();

  async function invite(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setErrors({});
    try {
      const r = await inviteMemberAction({ email, role });
      if (!r.ok) {
        setErrors(r.errors);
        return;
      }
      setEmail("");
      toast(`Invitation mailed to ${r.data.email}: they join as ${r.data.role} once they open the link.`, "success");
      await qc.invalidateQueries({ queryKey: KEY });
    } catch {
      setErrors({ form: "Could not reach the server. Check your connection and try again." });
    } finally {
      setPending(false);
    }
  }

  /** Runs one row action; errors show above the lists, success refreshes them. */
  async function run(id: string, fn: () => Promise<{ ok: boolean; errors?: Record<string, string> }>, done: string) {
    setBusy(id);
    setRowError(undefined);
    try {
      const r = await fn();
      if (!r.ok) {
        setRowError(Object.values(r.errors ?? {})[0] ?? "That did not work; try again.");
        return;
      }
      toast(done, "success");
      await qc.invalidateQueries({ queryKey: KEY });
    } catch {
      setRowError("Could not reach the server. Check your connection and try again.");
    } finally {
      setBusy(null);
    }
  }

  // Only an owner may touch an owner or make one (lib/settings/members enforces it too).
  const canManage = (m: MemberRow) => canEdit && (m.role !== "owner" || currentRole === "owner");
  const roleChoices: Role[] = currentRole === "owner" ? ["owner", "admin", "member"] : ["admin", "member"];

  return (
    <div className="space-y-6">
      <RoleNotice canEdit={canEdit} />
      <Card>
        <SectionTitle title="Invite someone" description="We mail them a link that works for 7 days. They join when they open it and sign in (or sign up) with that address." />
        <form onSubmit={invite} method="post" noValidate className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
          <Field id="invite-email" label="Email" error={errors.email}>
            <Input id="invite-email" name="email" type="email" autoComplete="off" placeholder="teammate@company.com" disabled={!canEdit} invalid={!!errors.email} value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field id="invite-role" label="Role" error={errors.role} hint="Admins can also change settings.">
            <select id="invite-role" name="role" className={inputClass} disabled={!canEdit} value={role} onChange={(e) => setRole(e.target.value)}>
              <option value="member">Member</option>
              <option value="admin">Admin</option>
            </select>
          </Field>
          <Button type="submit" className="sm:mt-7" disabled={!canEdit || pending}>{pending ? "Sending…" : "Send invite"}</Button>
        </form>
        <div className="mt-3"><FormError message={errors.form} /></div>
      </Card>
      <FormError message={rowError} />
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <SectionTitle title={`Members (${data.members.length})`} />
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {data.members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center gap-3 py-3" data-testid="member-row">
                <span aria-hidden className="brand-gradient flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold text-white">{m.name.slice(0, 1).toUpperCase()}</span>
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium">{m.name}{m.userId === currentUserId ? <span className="font-normal text-slate-600 dark:text-slate-400"> (you)</span> : null}</p>
                  <p className="truncate text-xs text-slate-600 dark:text-slate-400">{m.email} · joined <When at={m.joinedAt} /></p>
                </div>
                {canManage(m) ? (
                  <div className="flex items-center gap-2">
                    <label className="sr-only" htmlFor={`role-${m.userId}`}>Role of {m.name}</label>
                    <select
                      id={`role-${m.userId}`}
                      className={`${inputClass} w-28 py-1`}
                      value={m.role}
                      disabled={busy === m.userId}
                      onChange={(e) => void run(m.userId, () => changeMemberRoleAction(m.userId, e.target.value), `${m.name} is now ${e.target.value === "admin" ? "an admin" : `a ${e.target.value}`}.`)}
                    >
                      {[...new Set([...roleChoices, m.role as Role])].map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                    <Button
                      variant="secondary"
                      size="sm"
                      disabled={busy === m.userId}
                      onClick={() => {
                        if (window.confirm(m.userId === currentUserId ? "Leave this workspace?" : `Remove ${m.name} from this workspace?`)) {
                          void run(m.userId, () => removeMemberAction(m.userId), `${m.name} was removed.`);
                        }
                      }}
                    >
                      {m.userId === currentUserId ? "Leave" : "Remove"}
                    </Button>
                  </div>
                ) : (
                  <Badge tone={m.role === "owner" ? "brand" : m.role === "admin" ? "blue" : "slate"}>{m.role}</Badge>
                )}
              </li>
            ))}
          </ul>
        </Card>
        <Card className="lg:col-span-2">
          <SectionTitle title="Pending invites" />
          {data.invites.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">No pending invites.</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {data.invites.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="invite-row">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium">{i.email}</p>
                    <p className="text-xs text-slate-600 dark:text-slate-400">invited <When at={i.createdAt} /> as {i.role}</p>
                  </div>
                  {canEdit ? (
                    <div className="flex gap-2">
                      <Button variant="secondary" size="sm" disabled={busy === i.id} onClick={() => void run(i.id, () => resendInviteAction(i.id), `A new link was mailed to ${i.email}; the old one no longer works.`)}>Resend</Button>
                      <Button variant="secondary" size="sm" disabled={busy === i.id} onClick={() => void run(i.id, () => revokeInviteAction(i.id), `The invitation to ${i.email} was revoked.`)}>Revoke</Button>
                    </div>
                  ) : (
                    <Badge tone="amber">{i.role}</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
