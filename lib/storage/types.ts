import type { Readable } from "node:stream";

export interface StoredObject {
  size: number;
  contentType: string;
}

export interface Storage {
  readonly driver: "disk" | "s3";
  /** Copies a local file in under `key`. */
  putFile(key: string, filePath: string, contentType: string): Promise<StoredObject>;
  putBuffer(key: string, data: Buffer, contentType: string): Promise<StoredObject>;
  stat(key: string): Promise<StoredObject | null>;
  /** Reads bytes [start, end] inclusive (whole object when omitted). */
  read(key: string, range?: { start: number; end: number }): Promise<Readable>;
  /** A local file path for tools like ffmpeg (downloads to scratch for remote drivers). */
  toLocalFile(key: string): Promise<string>;
  delete(key: string): Promise<void>;
  /** Proves the store is writable (health check). */
  check(): Promise<void>;
}
