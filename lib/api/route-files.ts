/** The route files under app/api/v1 as they are on disk, for the tests that must cover them all. */
import fs from "node:fs";
import path from "node:path";

export const API_V1_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");

/** Paths relative to app/api/v1, "/"-separated, sorted: "videos/[id]/route.ts". */
export function routeFilesOnDisk(root = API_V1_DIR): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") out.push(path.relative(root, p).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

/** "videos/[id]/share/route.ts" → "/videos/{id}/share" */
export function openApiPathOf(file: string): string {
  return "/" + file.replace(/\/?route\.ts$/, "").replace(/\[([^\]]+)\]/g, "{$1}");
}
