import path from "node:path";
import { env } from "@/lib/env";
import { diskStorage } from "./disk";
import { s3Storage } from "./s3";
import type { Storage } from "./types";

export type { Storage, StoredObject } from "./types";

const g = globalThis as unknown as { __avsStorage?: Storage };

export function storage(): Storage {
  if (g.__avsStorage) return g.__avsStorage;
  const e = env();
  g.__avsStorage =
    e.STORAGE_DRIVER === "s3"
      ? s3Storage({
          bucket: e.S3_BUCKET!,
          region: e.S3_REGION,
          endpoint: e.S3_ENDPOINT,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        })
      : diskStorage(path.resolve(e.DATA_DIR, "media"));
  return g.__avsStorage;
}

/** Scratch space for renders and downloads before they are stored. */
export function scratchDir(): string {
  return path.resolve(env().DATA_DIR, "scratch");
}
