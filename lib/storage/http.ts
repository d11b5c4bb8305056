/** Serves a stored object over HTTP with Range support, so browsers can seek in videos. */
import { Readable } from "node:stream";
import { storage } from "./index";
import { AppError } from "@/lib/errors";

export function parseRange(header: string | null, size: number): { start: number; end: number } | "invalid" | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return "invalid";
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0) return "invalid";
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start > end || start >= size) return "invalid";
  return { start, end };
}

export function contentDisposition(filename: string, download: boolean): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `${download ? "attachment" : "inline"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function serveObject(req: Request, key: string, opts: { filename?: string; download?: boolean; cacheSeconds?: number } = {}): Promise<Response> {
  const st = storage();
  const meta = await st.stat(key);
  if (!meta) throw new AppError("not_found", "This file is not available (it may have been deleted by the retention policy).");
  const headers: Record<string, string> = {
    "content-type": meta.contentType,
    "accept-ranges": "bytes",
    "cache-control": `private, max-age=${opts.cacheSeconds ?? 0}`,
  };
  if (opts.filename) headers["content-disposition"] = contentDisposition(opts.filename, !!opts.download);
  const range = parseRange(req.headers.get("range"), meta.size);
  if (range === "invalid") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${meta.size}` } });
  }
  if (req.method === "HEAD") return new Response(null, { status: 200, headers: { ...headers, "content-length": String(meta.size) } });
  const body = await st.read(key, range ?? undefined);
  const web = Readable.toWeb(body as Readable) as ReadableStream;
  if (range) {
    return new Response(web, {
      status: 206,
      headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${meta.size}`, "content-length": String(range.end - range.start + 1) },
    });
  }
  return new Response(web, { status: 200, headers: { ...headers, "content-length": String(meta.size) } });
}

export function filenameFor(title: string, suffix = "", ext = "mp4"): string {
  const base = title.normalize("NFKD").replace(/[^\w\s-]/g, "").trim().replace(/\s+/g, "-").toLowerCase().slice(0, 80) || "video";
  return `${base}${suffix ? `-${suffix}` : ""}.${ext}`;
}
