import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * APP_SECRET signs sessions and share links and derives the key-encryption key. In
 * development it is generated once into DATA_DIR so restarts keep sessions and keys valid.
 */
export function ensureAppSecret(dataDir: string): string {
  if (process.env.APP_SECRET) return process.env.APP_SECRET;
  if (process.env.NODE_ENV === "production") {
    throw new Error("APP_SECRET must be set in production (at least 32 characters; try: openssl rand -hex 32).");
  }
  const file = path.join(dataDir, "app-secret");
  let secret: string;
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    secret = randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  process.env.APP_SECRET = secret;
  return secret;
}

export function appSecret(): string {
  const s = process.env.APP_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!s) throw new Error("APP_SECRET is not set; start the app with `npm run dev` or set it in the environment.");
  return s;
}
