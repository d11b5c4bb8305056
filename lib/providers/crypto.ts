/**
 * Provider keys at rest: AES-256-GCM with a key derived by HKDF-SHA256 from APP_SECRET and a
 * random per-secret salt. Format: "v1.<salt>.<iv>.<tag>.<ciphertext>" (base64url parts), with
 * an optional AAD (e.g. the workspace id) binding the ciphertext to its owner.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

const INFO = Buffer.from("avatar-video-studio/provider-secret/v1");

function deriveKey(appSecret: string, salt: Buffer): Buffer {
  if (!appSecret || appSecret.length < 16) {
    throw new AppError("internal", "APP_SECRET is missing or too short to encrypt provider keys.");
  }
  return Buffer.from(hkdfSync("sha256", Buffer.from(appSecret, "utf8"), salt, INFO, 32));
}

export function encryptSecret(plain: string, appSecret: string, aad?: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(appSecret, salt), iv);
  if (aad) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", salt, iv, tag, ct].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(token: string, appSecret: string, aad?: string): string {
  const parts = token.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") {
    throw new AppError("internal", "Stored provider key has an unknown format; enter the key again in Settings → Providers.");
  }
  const [, salt, iv, tag, ct] = parts.map((p, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from(p, "base64url")));
  try {
    const d = createDecipheriv("aes-256-gcm", deriveKey(appSecret, salt), iv);
    if (aad) d.setAAD(Buffer.from(aad, "utf8"));
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ct), d.final()]).toString("utf8");
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(
      "internal",
      "Stored provider key could not be decrypted (APP_SECRET changed or data corrupted); enter the key again in Settings → Providers.",
    );
  }
}

/** "••••abcd" — the last 4 characters only for keys long enough that they give nothing away. */
export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return "";
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : "••••";
}
