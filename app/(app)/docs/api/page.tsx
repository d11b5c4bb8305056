/**
 * The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json
 * serves (no CDN, no client script): each operation with its parameters, body schema and answers.
 */
import type { Metadata } from "next";
import { buildOpenApi } from "@/lib/api/openapi";
import { specsOf } from "@/lib/api/specs";
import { ROUTE_MODULES } from "@/app/api/v1/routes";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

type Op = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: { name: string; in: string; required: boolean; description?: string; schema: unknown }[];
  requestBody?: { required: boolean; description?: string; content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string }>;
  "x-roles"?: string[];
  "x-session-only"?: boolean;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800",
  post: "bg-emerald-100 text-emerald-800",
  put: "bg-amber-100 text-amber-800",
  patch: "bg-amber-100 text-amber-800",
  delete: "bg-rose-100 text-rose-800",
};

export default function ApiReferencePage() {
  const doc = buildOpenApi(specsOf(ROUTE_MODULES)) as { info: { title: string; description: string }; paths: Record<string, Record<string, Op>> };
  const byTag = new Map<string, { method: string; path: string; op: Op }[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag)!.push({ method, path, op });
    }
  }
  const tags = [...byTag.keys()].sort();
  return (
    <div className="mx-auto max-w-5xl space-y-8 p-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{doc.info.title}</h1>
        <p className="text-sm text-gray-600 dark:text-gray-400">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable: <a className="text-indigo-700 underline dark:text-indigo-300" href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).
          From a terminal: <code className="rounded bg-gray-100 px-1 dark:bg-slate-800">npx avs --help</code>.
        </p>
        <pre className="overflow-x-auto rounded bg-gray-900 p-3 text-xs text-gray-100">{`curl -s -X POST "$AVS_URL/api/v1/videos" \\
  -H "Authorization: Bearer $AVS_API_KEY" -H "Content-Type: application/json" \\
  -H "Idempotency-Key: $(uuidgen)" \\
  -d '{"title":"Hello","script":"Hi, this is my first video.","avatarProfileId":"mike"}'`}</pre>
        <nav className="flex flex-wrap gap-2 text-sm">
          {tags.map((t) => (
            <a key={t} href={`#${t.replace(/\s+/g, "-")}`} className="rounded border px-2 py-0.5 hover:bg-gray-50 dark:border-slate-700 dark:hover:bg-slate-800">{t}</a>
          ))}
        </nav>
      </header>
      {tags.map((tag) => (
        <section key={tag} id={tag.replace(/\s+/g, "-")} className="space-y-3">
          <h2 className="text-lg font-semibold">{tag}</h2>
          {byTag.get(tag)!.map(({ method, path, op }) => (
            <details key={op.operationId} id={op.operationId} className="rounded border bg-white p-3 dark:border-slate-800 dark:bg-slate-900">
              <summary className="cursor-pointer text-sm">
                <span className={`mr-2 rounded px-1.5 py-0.5 font-mono text-xs uppercase ${METHOD_STYLE[method] ?? ""}`}>{method}</span>
                <code className="font-mono">{path}</code>
                <span className="ml-2 text-gray-600 dark:text-gray-400">{op.summary}</span>
              </summary>
              <div className="mt-3 space-y-3 text-sm">
                {op.description && <p>{op.description}</p>}
                {(op["x-roles"] || op["x-session-only"]) && (
                  <p className="text-gray-600 dark:text-gray-400">
                    {op["x-roles"] && <>Roles: {op["x-roles"].join(", ")}. </>}
                    {op["x-session-only"] && <>Signed-in dashboard sessions only (not API keys).</>}
                  </p>
                )}
                {op.parameters?.length ? (
                  <table className="w-full text-left text-xs">
                    <thead><tr className="text-gray-600 dark:text-gray-400"><th>Parameter</th><th>In</th><th>Required</th><th>Schema</th></tr></thead>
                    <tbody>
                      {op.parameters.map((p) => (
                        <tr key={`${p.in}:${p.name}`} className="border-t align-top">
                          <td className="font-mono">{p.name}</td><td>{p.in}</td><td>{p.required ? "yes" : "no"}</td>
                          <td><code className="break-all">{JSON.stringify(p.schema)}</code>{p.description && <div className="text-gray-600 dark:text-gray-400">{p.description}</div>}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {op.requestBody && (
                  <div>
                    <div className="font-medium">Body {op.requestBody.required ? "" : "(optional)"} <span className="font-normal text-gray-600 dark:text-gray-400">{op.requestBody.description}</span></div>
                    <pre className="max-h-80 overflow-auto rounded bg-gray-50 p-2 text-xs dark:bg-slate-800">{JSON.stringify(op.requestBody.content["application/json"].schema, null, 2)}</pre>
                  </div>
                )}
                <ul className="text-xs">
                  {Object.entries(op.responses).map(([code, r]) => (
                    <li key={code}><span className="font-mono">{code}</span> {r.description}</li>
                  ))}
                </ul>
              </div>
            </details>
          ))}
        </section>
      ))}
    </div>
  );
}
