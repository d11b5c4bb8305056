"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { deleteConfigurationAction, runConfigurationAction } from "@/app/(app)/research/actions";
import { ConfigForm, draftFrom, emptyDraft, type ConfigDraft, type StoredConfiguration } from "./config-form";
import { JOBS_KEY, JobsList, type JobRow } from "./jobs-list";
import { RulesEditor, type RuleView } from "./rules-editor";
import { SOURCE_NAMES } from "./status";

export function ResearchWorkspace({ configurations, jobs, rules }: { configurations: StoredConfiguration[]; jobs: JobRow[]; rules: RuleView[] }) {
  const [editing, setEditing] = useState<ConfigDraft | null>(configurations.length ? null : emptyDraft());
  const [busyId, setBusyId] = useState<string | null>(null);
  const router = useRouter();
  const qc = useQueryClient();
  const toast = useToast();

  async function run(id: string) {
    setBusyId(id);
    const r = await runConfigurationAction(id);
    setBusyId(null);
    if (!r.ok) return toast(r.message, "error");
    toast("Research started. Results appear below as they arrive.", "success");
    await qc.invalidateQueries({ queryKey: JOBS_KEY });
  }

  async function remove(c: StoredConfiguration) {
    if (!window.confirm(`Delete “${c.name}”? Its past runs stay available.`)) return;
    const r = await deleteConfigurationAction(c.id);
    if (!r.ok) return toast(r.message, "error");
    toast("Configuration deleted.", "success");
    router.refresh();
  }

  return (
    <div>
      <PageHeader
        title="Research"
        description="Pull insights from communities, trends, feeds and your own notes — then turn them into presenter scripts."
        actions={
          editing ? null : (
            <Button onClick={() => setEditing(emptyDraft())} aria-label="New configuration">
              <svg aria-hidden width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2">
                <path d="M12 5v14M5 12h14" />
              </svg>
              New configuration
            </Button>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {editing ? (
            <Card>
              <h2 className="mb-4 text-base font-semibold">{editing.id ? `Edit “${editing.name}”` : "New configuration"}</h2>
              <ConfigForm
                key={editing.id ?? "new"}
                initial={editing}
                onCancel={() => setEditing(null)}
                onSaved={async (id, runNow) => {
                  setEditing(null);
                  router.refresh();
                  if (runNow) await run(id);
                }}
              />
            </Card>
          ) : null}

          <Card>
            <h2 className="mb-4 text-base font-semibold">Configurations</h2>
            {configurations.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No configurations yet. Create one above: paste notes or pick sources.</p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Configurations">
                {configurations.map((c) => (
                  <li key={c.id} className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between">
                    <div className="min-w-0">
                      <p className="truncate font-medium">{c.name}</p>
                      <div className="mt-1 flex flex-wrap items-center gap-1.5">
                        {[...new Set(c.sources.map((s) => String(s.source)))].map((s) => (
                          <Badge key={s} tone="brand">
                            {SOURCE_NAMES[s] ?? s}
                          </Badge>
                        ))}
                        {c.schedule ? <Badge tone="blue">{c.schedule === "daily" ? "Daily" : "Weekly"}</Badge> : null}
                        {!c.active ? <Badge>Paused</Badge> : null}
                      </div>
                    </div>
                    <div className="flex shrink-0 gap-2">
                      <Button size="sm" onClick={() => void run(c.id)} disabled={busyId === c.id} aria-label={`Run ${c.name} now`}>
                        {busyId === c.id ? "Starting…" : "Run now"}
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => setEditing(draftFrom(c))} aria-label={`Edit ${c.name}`}>
                        Edit
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => void remove(c)} aria-label={`Delete ${c.name}`}>
                        Delete
                      </Button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card>
            <h2 className="mb-2 text-base font-semibold">Recent runs</h2>
            <JobsList initial={jobs} />
          </Card>
        </div>

        <div className="space-y-6">
          <Card>
            <h2 className="mb-1 text-base font-semibold">Extraction rules</h2>
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Per source: which insights go into a script, its wording and its length.</p>
            {rules.length ? <RulesEditor initial={rules} /> : <EmptyState title="No rules" body="Rules load with the workspace." />}
          </Card>
        </div>
      </div>
    </div>
  );
}
