import { AppError } from "@/lib/errors";
import { z } from "zod";
import { collapse, parseDate, stableHash, toIso, truncate } from "../../text";
import type { ConnectorContext, QueryFor, ResearchConnector, ResearchItem } from "../../types";
import { makeItem } from "../common";

/**
 * Manual input: pasted notes, an uploaded CSV (header row required) or JSON (an array of
 * objects, or `{ items: [...] }`). Bad input fails with a message naming the row and field.
 */

const MAX_ITEMS = 500;

function bad(msg: string): AppError {
  return new AppError("bad_request", `Manual input: ${msg}`, { source: "manual" });
}

const rowSchema = z.object({
  id: z.union([z.string(), z.number()]).optional(),
  title: z.string().trim().min(1, "title is required").max(500),
  summary: z.string().max(20_000).nullish(),
  url: z
    .string()
    .trim()
    .refine((u) => u === "" || /^https?:\/\/\S+$/i.test(u), "url must start with http:// or https://")
    .nullish(),
  score: z.number().finite().nullish(),
  comments: z.number().int().min(0).nullish(),
  publishedAt: z.string().nullish(),
  tags: z.array(z.string()).max(50).optional(),
});
type Row = z.infer<typeof rowSchema>;

/** Accepts common column/field aliases. */
const ALIASES: Record<string, keyof Row> = {
  id: "id",
  title: "title", headline: "title", name: "title", topic: "title",
  summary: "summary", description: "summary", text: "summary", body: "summary", content: "summary", notes: "summary",
  url: "url", link: "url", href: "url",
  score: "score", points: "score", upvotes: "score", votes: "score", stars: "score",
  comments: "comments", num_comments: "comments", replies: "comments",
  publishedat: "publishedAt", published_at: "publishedAt", published: "publishedAt", date: "publishedAt", created_at: "publishedAt",
  tags: "tags", tag: "tags", categories: "tags", category: "tags", labels: "tags",
};

function toRowInput(obj: Record<string, unknown>, numericStrings: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const field = ALIASES[k.trim().toLowerCase()];
    if (!field || out[field] !== undefined) continue;
    if (v === "" || v === null) continue;
    if ((field === "score" || field === "comments") && typeof v === "string" && numericStrings) {
      const n = Number(v.replace(/[,\s]/g, ""));
      out[field] = Number.isFinite(n) ? n : v;
    } else if (field === "tags" && typeof v === "string") {
      out[field] = v.split(/[;|,]/).map((t) => t.trim()).filter(Boolean);
    } else {
      out[field] = v;
    }
  }
  return out;
}

function rowsToItems(rows: Record<string, unknown>[], where: (i: number) => string, nowMs: number, numericStrings: boolean): ResearchItem[] {
  if (rows.length > MAX_ITEMS) throw bad(`at most ${MAX_ITEMS} items per input (got ${rows.length}).`);
  return rows.map((obj, i) => {
    const parsed = rowSchema.safeParse(toRowInput(obj, numericStrings));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join(".") || "row";
      const msg = issue.code === "invalid_type" && issue.path[0] === "title" ? "title is required" : issue.message;
      throw bad(`${where(i)}: ${field}: ${msg}.`);
    }
    const r = parsed.data;
    let published = nowMs;
    if (r.publishedAt) {
      const t = parseDate(r.publishedAt);
      if (t === null) throw bad(`${where(i)}: publishedAt "${r.publishedAt}" is not a date (use ISO 8601, e.g. 2025-06-01T12:00:00Z).`);
      published = t;
    }
    const url = r.url ? r.url : null;
    return makeItem("manual", {
      externalId: r.id !== undefined ? String(r.id) : stableHash(`${r.title}|${url ?? ""}`),
      title: r.title,
      summary: r.summary ?? null,
      url,
      score: r.score ?? null,
      comments: r.comments ?? null,
      publishedAt: toIso(published) as string,
      tags: r.tags ?? [],
      raw: obj,
    });
  });
}

/** RFC 4180 CSV: quoted fields, "" escapes, CR/LF/CRLF, BOM. Returns rows of cells. */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  let line = 1;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < s.length && !/[,\r\n]/.test(s[i])) throw bad(`CSV line ${line}: unexpected text after a closing quote.`);
        continue;
      }
      if (c === "\n") line++;
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      cell += c;
      i++;
    }
  }
  if (quoted) throw bad(`CSV: a quoted field is not closed (starting before line ${line}).`);
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ""));
}

export function parseManualCsv(csv: string, nowMs: number): ResearchItem[] {
  const rows = parseCsv(csv);
  if (rows.length === 0) throw bad("the CSV is empty.");
  const header = rows[0].map((h) => h.trim());
  if (!header.some((h) => ALIASES[h.toLowerCase()] === "title")) {
    throw bad(`the CSV needs a header row with a "title" column (found: ${header.join(", ") || "nothing"}).`);
  }
  const body = rows.slice(1);
  if (body.length === 0) throw bad("the CSV has a header but no rows.");
  const objs = body.map((cells, i) => {
    if (cells.length !== header.length) {
      throw bad(`CSV row ${i + 2}: expected ${header.length} columns, found ${cells.length}.`);
    }
    return Object.fromEntries(header.map((h, j) => [h, cells[j].trim()]));
  });
  return rowsToItems(objs, (i) => `CSV row ${i + 2}`, nowMs, true);
}

export function parseManualJson(json: unknown, nowMs: number): ResearchItem[] {
  let data = json;
  if (typeof json === "string") {
    try {
      data = JSON.parse(json.replace(/^\uFEFF/, ""));
    } catch (err) {
      throw bad(`the JSON does not parse (${(err as Error).message}).`);
    }
  }
  const list =
    Array.isArray(data) ? data : data && typeof data === "object" && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : null;
  if (!list) throw bad('JSON must be an array of objects or { "items": [...] }.');
  if (list.length === 0) throw bad("the JSON has no items.");
  const objs = list.map((o, i) => {
    if (typeof o === "string") return { title: o };
    if (!o || typeof o !== "object" || Array.isArray(o)) throw bad(`JSON item ${i + 1}: expected an object with a title.`);
    return o as Record<string, unknown>;
  });
  return rowsToItems(objs, (i) => `JSON item ${i + 1}`, nowMs, false);
}

/**
 * Pasted notes: one item per paragraph, or per bullet/numbered line when the text is a list.
 * The first sentence (or line) is the title, the rest the summary; a URL in the block is its link.
 */
export function parseManualText(text: string, nowMs: number): ResearchItem[] {
  const clean = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").trim();
  if (!clean) throw bad("the pasted text is empty.");
  const lines = clean.split("\n");
  const bulletRe = /^\s*(?:[-*•]|\d+[.)])\s+/;
  const isList = lines.filter((l) => l.trim()).filter((l) => bulletRe.test(l)).length >= 2;
  const blocks = isList
    ? lines.filter((l) => bulletRe.test(l)).map((l) => l.replace(bulletRe, ""))
    : clean.split(/\n\s*\n/);
  const rows = blocks
    .map((b) => collapse(b))
    .filter((b) => b.length > 0)
    .map((b) => {
      const urlMatch = b.match(/https?:\/\/[^\s)>\]]+/);
      const url = urlMatch ? urlMatch[0].replace(/[.,;:!?]+$/, "") : undefined;
      const noUrl = collapse(url ? b.replace(url, "") : b).replace(/\s+([.,;:!?])/g, "$1");
      const sentence = noUrl.match(/^.+?[.!?](?=\s|$)/);
      const title = truncate(sentence ? sentence[0] : noUrl, 200);
      const rest = sentence ? noUrl.slice(sentence[0].length).trim() : "";
      return { title: title || (url ?? ""), summary: rest || undefined, url };
    })
    .filter((r) => r.title);
  if (rows.length === 0) throw bad("no usable notes found in the pasted text.");
  return rowsToItems(rows, (i) => `note ${i + 1}`, nowMs, false);
}

async function fetchManual(q: QueryFor<"manual">, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const nowMs = (ctx.now ?? (() => new Date()))().getTime();
  const items: ResearchItem[] = [];
  if (q.text !== undefined) items.push(...parseManualText(q.text, nowMs));
  if (q.csv !== undefined) items.push(...parseManualCsv(q.csv, nowMs));
  if (q.json !== undefined) items.push(...parseManualJson(q.json, nowMs));
  return items;
}

export const manualConnector: ResearchConnector<"manual"> = { source: "manual", fetch: fetchManual };
