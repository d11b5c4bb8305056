import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { S3Client, PutObjectCommand, GetObjectCommand, HeadObjectCommand, DeleteObjectCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import type { Storage } from "./types";

export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}

export function s3Storage(cfg: S3Config): Storage {
  const client = new S3Client({
    region: cfg.region,
    endpoint: cfg.endpoint,
    forcePathStyle: cfg.forcePathStyle,
    credentials: cfg.accessKeyId && cfg.secretAccessKey ? { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey } : undefined,
  });
  const Bucket = cfg.bucket;
  const stat: Storage["stat"] = async (key) => {
    try {
      const h = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return { size: Number(h.ContentLength ?? 0), contentType: h.ContentType ?? "application/octet-stream" };
    } catch {
      return null;
    }
  };
  return {
    driver: "s3",
    async putFile(key, filePath, contentType) {
      const size = (await fsp.stat(filePath)).size;
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: fs.createReadStream(filePath), ContentType: contentType, ContentLength: size }));
      return { size, contentType };
    },
    async putBuffer(key, data, contentType) {
      await client.send(new PutObjectCommand({ Bucket, Key: key, Body: data, ContentType: contentType }));
      return { size: data.length, contentType };
    },
    stat,
    async read(key, range) {
      const r = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      return r.Body as Readable;
    },
    async toLocalFile(key) {
      const dest = path.join(os.tmpdir(), "avs-s3", key.replace(/\//g, "_"));
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      const r = await client.send(new GetObjectCommand({ Bucket, Key: key }));
      await fsp.writeFile(dest, r.Body as Readable);
      return dest;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket }));
    },
  };
}
