/**
 * `npx avs …`: the studio from a terminal or a script. Reads AVS_URL (default
 * http://localhost:3000) and AVS_API_KEY (Settings → API keys). `--json` prints machine-readable
 * output only (one JSON document, or one per line with --follow).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { ApiError, createClient, FINAL_STATUSES, type ApiBatch, type ApiBatchRow, type ApiClient, type ApiVideo } from "@/lib/api/client";

const HELP = `avs — Avatar Video Studio from the command line

Usage:
  avs presenters                       List presenters available to your plan
  avs list [--limit N] [--cursor C]    List videos, newest first
  avs create --title T (--script TEXT | --script-file FILE) --presenter SLUG
             [--aspect portrait|landscape|square|portrait_4x5] [--follow]
  avs from-research --job ID --presenter SLUG [--follow]
  avs status ID [--follow]             Show a video; --follow waits until it ends
  avs download ID [-o FILE]            Save the finished MP4
  avs batch create FILE [--mode atomic|per_row]
                                       Up to 100 videos from a .csv (script,title,presenter,
                                       aspect,platforms,schedule) or .json ([{...}] or {rows})
  avs batch status ID                  Each row's video and status, or why it was refused
  avs mcp                              Run the MCP server over stdio (needs DATABASE_URL;
                                       AVS_API_KEY picks the workspace)

Options: --json (machine-readable), --url (or AVS_URL), --key (or AVS_API_KEY)
`;

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  /** Between status polls; injectable so tests do not wait on the wall clock. */
  sleep?: (ms: number) => Promise<void>;
}

function line(v: ApiVideo): string {
  const pct = v.status === "completed" ? "" : ` ${v.progress}%`;
  return `${v.id}  ${v.status}${pct}  ${v.stage}${v.error ? `  (${v.error})` : ""}`;
}

async function follow(client: ApiClient, id: string, io: Io, json: boolean): Promise<ApiVideo> {
  const sleep = io.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let last = "";
  for (;;) {
    let v: ApiVideo;
    try {
      v = await client.video(id);
    } catch (e) {
      // 429/503 say when to come back; anything else is the user's to see.
      if (e instanceof ApiError && (e.status === 429 || e.status === 503)) {
        await sleep((e.retryAfterSeconds ?? 5) * 1000);
        continue;
      }
      throw e;
    }
    const now = json ? JSON.stringify(v) : line(v);
    if (now !== last) io.out(now);
    last = now;
    if (FINAL_STATUSES.has(v.status)) return v;
    await sleep(2000);
  }
}

export async function main(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: "boolean", default: false },
      follow: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      url: { type: "string" },
      key: { type: "string" },
      title: { type: "string" },
      script: { type: "string" },
      "script-file": { type: "string" },
      presenter: { type: "string" },
      aspect: { type: "string" },
      job: { type: "string" },
      limit: { type: "string" },
      cursor: { type: "string" },
      output: { type: "string", short: "o" },
      mode: { type: "string" },
    },
  });
  const [cmd, arg, arg2] = positionals;
  if (values.help || !cmd) {
    io.out(HELP);
    return cmd ? 0 : 1;
  }
  if (cmd === "mcp") {
    // Loaded only here: the MCP server imports the studio's services (and the database).
    const { runStdio } = await import("@/lib/mcp/stdio");
    await runStdio(io.env);
    return 0;
  }
  const apiKey = values.key ?? io.env.AVS_API_KEY;
  if (!apiKey) {
    io.err("Set AVS_API_KEY (create one in Settings → API keys) or pass --key.");
    return 2;
  }
  const baseUrl = values.url ?? io.env.AVS_URL ?? "http://localhost:3000";
  const client = createClient({ baseUrl, apiKey, fetch: io.fetch });
  const print = (human: string, data: unknown) => io.out(values.json ? JSON.stringify(data) : human);
  try {
    switch (cmd) {
      case "presenters": {
        const ps = await client.presenters();
        print(ps.map((p) => `${p.slug.padEnd(16)} ${p.name.padEnd(20)} ${p.tier}${p.locked ? " (upgrade to use)" : ""}`).join("\n"), ps);
        return 0;
      }
      case "list": {
        const r = await client.listVideos({ limit: values.limit ? Number(values.limit) : undefined, cursor: values.cursor });
        print([...r.videos.map(line), r.nextCursor ? `more: --cursor ${r.nextCursor}` : ""].filter(Boolean).join("\n"), r);
        return 0;
      }
      case "create":
      case "from-research": {
        if (!values.presenter) throw new ApiError(0, "usage", "Pass --presenter (see `avs presenters`).");
        let v: ApiVideo;
        if (cmd === "create") {
          const script = values["script-file"] ? fs.readFileSync(values["script-file"], "utf8") : values.script;
          if (!script || !values.title) throw new ApiError(0, "usage", "Pass --title and --script (or --script-file).");
          v = await client.createVideo(
            { title: values.title, script, avatarProfileId: values.presenter, ...(values.aspect ? { aspectRatio: values.aspect as "portrait" } : {}) },
            randomUUID(),
          );
        } else {
          if (!values.job) throw new ApiError(0, "usage", "Pass --job <research job id>.");
          v = await client.createVideoFromResearch({ researchJobId: values.job, avatarProfileId: values.presenter }, randomUUID());
        }
        print(`created ${v.id}  ${new URL(v.urls.self, baseUrl)}`, v);
        if (values.follow) return done(await follow(client, v.id, io, values.json), baseUrl, io, values.json);
        return 0;
      }
      case "status": {
        if (!arg) throw new ApiError(0, "usage", "Usage: avs status <video id> [--follow]");
        if (values.follow) return done(await follow(client, arg, io, values.json), baseUrl, io, values.json);
        const v = await client.video(arg);
        print(line(v), v);
        return 0;
      }
      case "download": {
        if (!arg) throw new ApiError(0, "usage", "Usage: avs download <video id> [-o file.mp4]");
        const v = await client.video(arg);
        if (!v.urls.download) throw new ApiError(0, "not_ready", `The video is ${v.status}; download works once it is completed.`);
        const res = await client.download(v.urls.download);
        const file = values.output ?? `${v.id}.mp4`;
        await pipeline(Readable.fromWeb(res.body as never), fs.createWriteStream(file));
        print(`saved ${file}`, { file, bytes: fs.statSync(file).size });
        return 0;
      }
      case "batch": {
        if (arg === "create" && arg2) {
          const mode = values.mode ?? "per_row";
          if (mode !== "atomic" && mode !== "per_row") throw new ApiError(0, "usage", "--mode is atomic (all rows or none) or per_row (default).");
          const text = fs.readFileSync(arg2, "utf8");
          const manifest = arg2.toLowerCase().endsWith(".json") ? jsonManifest(text) : { csv: text };
          let b: ApiBatch;
          try {
            b = await client.createBatch(manifest, mode, randomUUID());
          } catch (e) {
            // A refused batch still has rows to show: each one's reason.
            if (e instanceof ApiError && Array.isArray(e.details.rows)) {
              io.err(values.json ? JSON.stringify({ error: { status: e.status, code: e.code, message: e.message, ...e.details } }) : `refused: ${e.message}\n${(e.details.rows as ApiBatchRow[]).map(batchLine).join("\n")}`);
              return 1;
            }
            throw e;
          }
          print(`batch ${b.id}: ${b.createdCount} created, ${b.refusedCount} refused\n${b.rows.map(batchLine).join("\n")}`, b);
          return b.refusedCount ? 3 : 0;
        }
        if (arg === "status" && arg2) {
          const b = await client.batch(arg2);
          print(`batch ${b.id} (${b.mode}): ${b.createdCount} created, ${b.refusedCount} refused\n${b.rows.map(batchLine).join("\n")}`, b);
          return 0;
        }
        throw new ApiError(0, "usage", "Usage: avs batch create <file.csv|file.json> [--mode atomic|per_row] · avs batch status <batch id>");
      }
      default:
        io.err(`Unknown command "${cmd}".\n\n${HELP}`);
        return 1;
    }
  } catch (e) {
    if (e instanceof ApiError) {
      io.err(values.json ? JSON.stringify({ error: { status: e.status, code: e.code, message: e.message } }) : `error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function batchLine(r: ApiBatchRow): string {
  const head = `  row ${String(r.row).padStart(3)}  ${r.title ?? "(no title)"}`;
  return r.status === "created" ? `${head}  → ${r.videoId}  ${r.videoStatus ?? ""}` : `${head}  REFUSED: ${r.error?.message ?? ""}`;
}

function jsonManifest(text: string): { rows: Record<string, unknown>[] } {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new ApiError(0, "usage", "The .json manifest is not valid JSON.");
  }
  const rows = Array.isArray(j) ? j : (j as { rows?: unknown })?.rows;
  if (!Array.isArray(rows)) throw new ApiError(0, "usage", 'A .json manifest is an array of rows or { "rows": [...] }.');
  return { rows: rows as Record<string, unknown>[] };
}

function done(v: ApiVideo, baseUrl: string, io: Io, json: boolean): number {
  if (!json && v.status === "completed" && v.urls.video) io.out(`video: ${new URL(v.urls.video, baseUrl)}`);
  return v.status === "completed" ? 0 : 1;
}
