"use client";

/** One spoken line of a research-written script and where it came from (lib/research/writer.ts). */
export interface ScriptLineView {
  role: "hook" | "point" | "takeaway" | "cta";
  text: string;
  sources: Array<{ itemId: string; title: string; url: string | null; label: string }>;
}

const ROLE_LABEL: Record<ScriptLineView["role"], string> = { hook: "Hook", point: "Point", takeaway: "Takeaway", cta: "Call to action" };

/**
 * Shows the source of each sentence, so a creator can check every claim before posting: the
 * studio writes from the research items' own titles and numbers, never from thin air.
 */
export function ScriptSources({ lines }: { lines: ScriptLineView[] }) {
  if (!lines.length) return null;
  return (
    <ol aria-label="Sources of each line" className="mt-2 space-y-1.5 text-xs">
      {lines.map((l, i) => (
        <li key={i} className="rounded-md border border-slate-200 px-2 py-1.5 dark:border-slate-700">
          <span className="mr-1 font-semibold text-slate-600 dark:text-slate-300">{ROLE_LABEL[l.role]}:</span>
          <span className="text-slate-700 dark:text-slate-200">{l.text}</span>
          {l.sources.length ? (
            <span className="mt-0.5 block text-slate-600 dark:text-slate-400">
              Source:{" "}
              {l.sources.slice(0, 3).map((s, j) => (
                <span key={s.itemId}>
                  {j > 0 ? ", " : ""}
                  {s.url ? (
                    <a href={s.url} target="_blank" rel="noreferrer noopener" className="underline-offset-2 hover:underline">
                      {s.label}
                    </a>
                  ) : (
                    s.label
                  )}
                </span>
              ))}
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
