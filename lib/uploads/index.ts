/**
 * User media uploads (backgrounds now; music and logos later). The type is decided by the
 * file's magic bytes, never by the client's Content-Type or file name; each kind has its own
 * size limit; the object is stored under the workspace's own prefix `uploads/<workspaceId>/`,
 * which is what lib/storage/owned.ts accepts as "owned" when the key is used later.
 *
 * Magic numbers: PNG (RFC 2083 §3.1), JPEG (JFIF SOI FF D8 FF), WebP (RIFF….WEBP, Google
 * container spec), MP4 (ISO/IEC 14496-12 `ftyp` box at offset 4), MP3 (ID3v2 tag or an MPEG
 * audio frame sync 0xFFE), WAV (RIFF….WAVE). Read 2026-11-30.
 */
import { randomUUID } from "node:crypto";
import { AppError } from "@/lib/errors";
import { readCapped } from "@/lib/http/body";
import { storage } from "@/lib/storage";

export type UploadKind = "image" | "video" | "audio";

export interface UploadType {
  contentType: string;
  ext: string;
  kind: UploadKind;
  maxBytes: number;
}

const MB = 1024 * 1024;

export const UPLOAD_TYPES: Record<string, UploadType> = {
  "image/png": { contentType: "image/png", ext: "png", kind: "image", maxBytes: 10 * MB },
  "image/jpeg": { contentType: "image/jpeg", ext: "jpg", kind: "image", maxBytes: 10 * MB },
  "image/webp": { contentType: "image/webp", ext: "webp", kind: "image", maxBytes: 10 * MB },
  "video/mp4": { contentType: "video/mp4", ext: "mp4", kind: "video", maxBytes: 100 * MB },
  "audio/mpeg": { contentType: "audio/mpeg", ext: "mp3", kind: "audio", maxBytes: 20 * MB },
  "audio/wav": { contentType: "audio/wav", ext: "wav", kind: "audio", maxBytes: 50 * MB },
};

/** The largest upload of any kind: the route refuses bigger bodies before reading them. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(UPLOAD_TYPES).map((t) => t.maxBytes));

const ascii = (b: Buffer, at: number, s: string) => b.length >= at + s.length && b.toString("latin1", at, at + s.length) === s;

/** The real type of `bytes` from its first bytes, or null when it is none of the accepted kinds. */
export function sniff(bytes: Buffer): UploadType | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return UPLOAD_TYPES["image/png"];
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return UPLOAD_TYPES["image/jpeg"];
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return UPLOAD_TYPES["image/webp"];
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) return UPLOAD_TYPES["audio/wav"];
  if (ascii(bytes, 4, "ftyp")) return UPLOAD_TYPES["video/mp4"];
  if (ascii(bytes, 0, "ID3")) return UPLOAD_TYPES["audio/mpeg"];
  if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0) return UPLOAD_TYPES["audio/mpeg"];
  return null;
}

const ACCEPTED = "PNG, JPEG, WebP, MP4, MP3 or WAV";

export interface StoredUpload {
  id: string;
  key: string;
  kind: UploadKind;
  contentType: string;
  size: number;
  /** Ready to pass as a video's `background` (images and videos only). */
  background: { type: "image" | "video"; key: string } | null;
}

/**
 * Stores `bytes` for the workspace. `declaredType` (the part's or request's Content-Type) is only
 * used to refuse a mismatch with a clear message; the sniffed type is what is stored.
 */
export async function storeUpload(workspaceId: string, bytes: Buffer, declaredType?: string | null): Promise<StoredUpload> {
  if (bytes.length === 0) throw new AppError("bad_request", `The upload is empty; send a ${ACCEPTED} file.`);
  const type = sniff(bytes);
  if (!type) throw new AppError("unsupported_media_type", `This file is not a ${ACCEPTED} file (checked from its contents, not its name).`);
  const declared = (declaredType ?? "").split(";")[0].trim().toLowerCase();
  const declaredKnown = UPLOAD_TYPES[declared === "image/jpg" ? "image/jpeg" : declared === "audio/x-wav" || declared === "audio/wave" ? "audio/wav" : declared];
  if (declaredKnown && declaredKnown.contentType !== type.contentType) {
    throw new AppError("unsupported_media_type", `The file says it is ${declared} but its contents are ${type.contentType}; upload the file itself, unchanged.`);
  }
  if (bytes.length > type.maxBytes) {
    throw new AppError("payload_too_large", `${type.kind[0].toUpperCase()}${type.kind.slice(1)} uploads are limited to ${type.maxBytes / MB} MB; this one is ${(bytes.length / MB).toFixed(1)} MB.`, {
      limitBytes: type.maxBytes,
    });
  }
  const id = randomUUID();
  const key = `uploads/${workspaceId}/${id}/${type.kind}.${type.ext}`;
  const stored = await storage().putBuffer(key, bytes, type.contentType);
  return {
    id,
    key,
    kind: type.kind,
    contentType: type.contentType,
    size: stored.size,
    background: type.kind === "image" || type.kind === "video" ? { type: type.kind, key } : null,
  };
}

/** The request body, refused (413) as soon as it passes `limit`. */
export function readCappedUpload(body: ReadableStream<Uint8Array> | null, limit: number): Promise<Buffer> {
  return readCapped(body, limit, () => new AppError("payload_too_large", `Uploads are limited to ${limit / MB} MB.`, { limitBytes: limit }));
}

/**
 * The whole request → a stored upload: multipart/form-data (field `file`) or a raw body.
 * Content-Length, when sent, is checked before anything is read.
 */
export async function uploadFromRequest(workspaceId: string, req: Request): Promise<StoredUpload> {
  const overhead = 64 * 1024; // multipart boundaries and headers
  const limit = MAX_UPLOAD_BYTES + overhead;
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(length) && length > limit) throw new AppError("payload_too_large", `Uploads are limited to ${MAX_UPLOAD_BYTES / MB} MB.`, { limitBytes: MAX_UPLOAD_BYTES });
  const ct = req.headers.get("content-type") ?? "";
  const raw = await readCappedUpload(req.body, limit);
  if (/^multipart\/form-data/i.test(ct)) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { "content-type": ct } }).formData();
    } catch {
      throw new AppError("bad_request", "The multipart body could not be read; send the file in a form field named \"file\".");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new AppError("bad_request", 'Send the file in a form field named "file".');
    return storeUpload(workspaceId, Buffer.from(await file.arrayBuffer()), file.type);
  }
  return storeUpload(workspaceId, raw, ct);
}
