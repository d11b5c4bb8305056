import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Storage, StoredObject } from "./types";
import { AppError } from "@/lib/errors";

/** Keys are relative paths; anything that could escape the root is refused. */
function safeJoin(root: string, key: string): string {
  if (!/^[A-Za-z0-9._/-]+$/.test(key) || key.includes("..") || key.startsWith("/")) {
    throw new AppError("bad_request", `Invalid storage key "${key}"`);
  }
  return path.join(root, key);
}

const TYPES: Record<string, string> = {
  ".mp4": "video/mp4", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webm": "video/webm",
  ".webp": "image/webp", ".mp3": "audio/mpeg", ".wav": "audio/wav",
};

export function diskStorage(root: string): Storage {
  const meta = async (file: string): Promise<StoredObject | null> => {
    try {
      const st = await fsp.stat(file);
      return { size: st.size, contentType: TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream" };
    } catch {
      return null;
    }
  };
  return {
    driver: "disk",
    async putFile(key, filePath) {
      const dest = safeJoin(root, key);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.${process.pid}.tmp`;
      await fsp.copyFile(filePath, tmp);
      await fsp.rename(tmp, dest);
      return (await meta(dest))!;
    },
    async putBuffer(key, data) {
      const dest = safeJoin(root, key);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      const tmp = `${dest}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, data);
      await fsp.rename(tmp, dest);
      return (await meta(dest))!;
    },
    stat: (key) => meta(safeJoin(root, key)),
    async read(key, range) {
      const file = safeJoin(root, key);
      return fs.createReadStream(file, range ? { start: range.start, end: range.end } : undefined);
    },
    async toLocalFile(key) {
      const file = safeJoin(root, key);
      if (!(await meta(file))) throw new AppError("not_found", `Media "${key}" is missing from storage.`);
      return file;
    },
    async delete(key) {
      await fsp.rm(safeJoin(root, key), { force: true });
    },
    async check() {
      await fsp.mkdir(root, { recursive: true });
      const probe = path.join(root, `.health-${process.pid}`);
      await fsp.writeFile(probe, "ok");
      await fsp.rm(probe, { force: true });
    },
  };
}
